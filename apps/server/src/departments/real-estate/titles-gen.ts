import type { RegisteredPerson } from '../population-register/contract.js';
import { type Rng, ROADS } from '../population-register/generator.js';
import { PLAT_MAP_CITIES, PROGRESS_CITIES } from './contract.js';
import { applicationNumber, proofNumber, titleNumber, unitNumber } from './numbering.js';
import type { RealEstateRecords, TitleRow } from './records.js';

const DAY_MS = 86_400_000;
export const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const at = (date: string) => `${date}T10:00:00+08:00`;

export interface UnitSpec {
  cityCode: string;
  regionCode: string;
  location: string;
  use: TitleRow['use'];
  floorAreaCm2: number;
  registeredOn: string;
  registrationType: string;
}

/** A title with its holders, its mortgage (if any) and, in 阳江, its plat map; in 肇庆/茂名 its application. */
export function addTitle(
  out: RealEstateRecords,
  rng: Rng,
  owners: RegisteredPerson[],
  unit: UnitSpec,
  asOf: string,
  mortgage: { bank: string; amountFen: number; years: number } | null,
  fixedNumbers?: { title?: string; proof?: string; unit?: string; application?: string },
): TitleRow {
  const unitNo = fixedNumbers?.unit ?? unitNumber(unit.regionCode, rng);
  const certificateNumber = fixedNumbers?.title ?? titleNumber(unit.cityCode, unit.registeredOn, rng);
  let updatedOn = unit.registeredOn;
  if (mortgage) {
    const termTo = isoOf(
      dayOf(`${Number(unit.registeredOn.slice(0, 4)) + mortgage.years}${unit.registeredOn.slice(4)}`) - 1,
    );
    const paidOff = termTo < asOf;
    const proof = fixedNumbers?.proof ?? proofNumber(unit.cityCode, unit.registeredOn, rng);
    if (paidOff && termTo > updatedOn) updatedOn = termTo;
    out.proofs.push({
      proofNumber: proof,
      kind: 'mortgage',
      unitNumber: unitNo,
      location: unit.location,
      counterparty: mortgage.bank,
      amountFen: mortgage.amountFen,
      termFrom: unit.registeredOn,
      termTo,
      registeredOn: unit.registeredOn,
      status: paidOff ? '注销' : '现势',
      cancelledOn: paidOff ? termTo : null,
      updatedAt: at(paidOff ? termTo : unit.registeredOn),
    });
    for (const o of owners)
      out.proofParties.push({ proofNumber: proof, unitNumber: unitNo, idNumber: o.idNumber, role: 'obligor' });
  }
  const title: TitleRow = {
    certificateNumber,
    unitNumber: unitNo,
    ...unit,
    landUseUntil: `${Number(unit.registeredOn.slice(0, 4)) - rng.int(1, 6) + (unit.use === '住宅' ? 70 : 40)}-12-31`,
    shareKind: owners.length > 1 ? '共同共有' : '单独所有',
    updatedAt: at(updatedOn),
  };
  out.titles.push(title);
  for (const o of owners)
    out.holders.push({ unitNumber: unitNo, certificateNumber, idNumber: o.idNumber, name: o.name });
  if ((PLAT_MAP_CITIES as readonly string[]).includes(unit.cityCode)) addPlatMap(out, rng, title);
  if ((PROGRESS_CITIES as readonly string[]).includes(unit.cityCode) && dayOf(asOf) - dayOf(unit.registeredOn) < 365) {
    // The application that led to this title: accepted (受理) and checked (审核) before the day it was entered
    // in the register (登簿), which is the title's registration day.
    const gaps = [rng.int(1, 3), rng.int(1, 3), 1, rng.int(1, 3)] as const;
    const submitted = isoOf(dayOf(unit.registeredOn) - gaps[0] - gaps[1]);
    addApplication(out, rng, owners, unit.cityCode, unit.registrationType, unit.location, submitted, asOf, {
      gaps,
      number: fixedNumbers?.application,
    });
  }
  return title;
}

/** An application and the dates its steps were reached (only those reached by the province's date). */
export function addApplication(
  out: RealEstateRecords,
  rng: Rng,
  applicants: RegisteredPerson[],
  cityCode: string,
  kind: string,
  location: string,
  submittedOn: string,
  asOf: string,
  fixed: { gaps?: readonly number[]; number?: string | undefined } = {},
) {
  let day = dayOf(submittedOn);
  const steps = [isoOf(day)];
  // Days from 受理 to 审核, to 登簿, to 缮证, to 发证.
  for (const gap of fixed.gaps ?? [rng.int(1, 3), rng.int(1, 3), 1, rng.int(1, 3)]) {
    day += gap;
    if (day >= dayOf(asOf)) break;
    steps.push(isoOf(day));
  }
  const number = fixed.number ?? applicationNumber(cityCode, submittedOn, rng);
  out.applications.push({
    applicationNumber: number,
    cityCode,
    kind,
    location,
    submittedOn,
    stepDates: steps,
    updatedAt: at(steps.at(-1) as string),
  });
  for (const a of applicants) out.applicants.push({ applicationNumber: number, location, idNumber: a.idNumber });
}

/** A parcel of 20–60 m a side with one corner cut, the building inside it with a 3–6 m setback. */
function addPlatMap(out: RealEstateRecords, rng: Rng, title: TitleRow) {
  const w = rng.int(2_000, 6_000) / 100;
  const h = rng.int(2_000, 6_000) / 100;
  const cut = rng.int(200, 800) / 100;
  const parcel: [number, number][] = [
    [0, 0],
    [w, 0],
    [w, h - cut],
    [w - cut, h],
    [0, h],
  ];
  const s = rng.int(300, 600) / 100;
  const building: [number, number][] = [
    [s, s],
    [w - s, s],
    [w - s, h - cut - s],
    [s, h - cut - s],
  ].map(([x, y]) => [Math.round((x as number) * 100) / 100, Math.round((y as number) * 100) / 100]);
  const area = w * h - (cut * cut) / 2;
  out.platMaps.push({
    certificateNumber: title.certificateNumber,
    unitNumber: title.unitNumber,
    parcelCode: title.unitNumber.slice(0, 19),
    parcelAreaCm2: Math.round(area * 100),
    parcel,
    building,
    boundaries: `东至${rng.pick(ROADS)}，南至空地，西至${rng.pick(['住宅小区', '市政绿地', '商业用地'])}，北至${rng.pick(ROADS)}`,
    surveyedOn: isoOf(dayOf(title.registeredOn) - rng.int(10, 60)),
  });
}
