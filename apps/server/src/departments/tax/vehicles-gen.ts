import { type CityCode, GUANGDONG_PLATE_AUTHORITIES, isCityCode } from '@yss/contracts';
import type { RegisteredPerson } from '../population-register/contract.js';
import type { Life } from '../province/life.js';
import type { SeedContext } from '../province/seed-context.js';
import { ageOn, type TaxRecords } from './records.js';
import { annualVehicleTaxFen, vehicleTaxForYearFen } from './vehicle-tax.js';

const CITY_PLATE_LETTER: Partial<Record<CityCode, string>> = Object.fromEntries(
  Object.entries(GUANGDONG_PLATE_AUTHORITIES)
    .filter(([letter, a]) => a.cityCode && !a.district && letter !== 'Z')
    .map(([letter, a]) => [a.cityCode, letter]),
);
const SERIAL = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** Cars: about 30 % of working or retired adults aged 23–75 living in Guangdong, a few with two. */
export function addVehicles(out: TaxRecords, person: RegisteredPerson, life: Life, ctx: SeedContext) {
  const rng = ctx.rng('tax-vehicles', person.personId);
  const city = person.residenceCityCode ?? person.hukouCityCode;
  const letter = city && isCityCode(city) ? CITY_PLATE_LETTER[city] : undefined;
  const age = ageOn(person.birthDate, ctx.asOf);
  if (!letter || age < 23 || age > 75 || (life.jobs.length === 0 && !life.retired) || !rng.chance(0.3)) return;
  const count = rng.chance(0.1) ? 2 : 1;
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  const earliest = Math.max(2008, Number(person.birthDate.slice(0, 4)) + 23);
  for (let i = 0; i < count; i++) {
    const year = rng.int(earliest, asOfYear - 1);
    const registeredOn = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const newEnergy = year >= 2018 && rng.chance(0.33);
    const energy = newEnergy ? (rng.chance(0.75) ? 'electric' : 'plug-in-hybrid') : 'fuel';
    const serial =
      energy === 'fuel'
        ? Array.from({ length: 5 }, (_, k) =>
            k < 2 && rng.chance(0.3) ? rng.pick([...SERIAL]) : rng.pick([...DIGITS]),
          ).join('')
        : `${energy === 'electric' ? 'D' : 'F'}${rng.pick([...SERIAL])}${rng.int(0, 9999).toString().padStart(4, '0')}`;
    const displacementCc =
      energy === 'electric'
        ? null
        : rng.pick([998, 1_198, 1_498, 1_498, 1_598, 1_798, 1_984, 1_998, 2_487, 2_995, 3_456]);
    const plate = `粤${letter}${serial}`;
    addVehicle(out, ctx, {
      plate,
      ownerIdNumber: person.idNumber,
      vehicleType: '小型普通客车',
      displacementCc,
      energy,
      registeredOn,
      overdue: rng.chance(0.05) ? rng.int(Math.max(year, 2016), asOfYear - 1) : null,
    });
  }
}

/**
 * A vehicle and its tax years from registration (at the earliest 2016) to the province's year. Past years were
 * collected by the insurer with the compulsory insurance (交强险) on the registration anniversary, except an
 * `overdue` year left unpaid; the current year is unpaid unless the anniversary has passed.
 */
export function addVehicle(
  out: TaxRecords,
  ctx: SeedContext,
  v: TaxRecords['vehicles'][number] extends infer V ? Omit<V, 'updatedAt'> & { overdue: number | null } : never,
) {
  const asOfYear = Number(ctx.asOf.slice(0, 4));
  const annual = annualVehicleTaxFen(v.energy, v.displacementCc);
  const regYear = Number(v.registeredOn.slice(0, 4));
  let lastChange = v.registeredOn;
  for (let year = Math.max(2016, regYear); year <= asOfYear; year++) {
    const anniversary = `${year}${v.registeredOn.slice(4)}`;
    const exempt = annual === 0;
    const paid = !exempt && year !== v.overdue && anniversary < ctx.asOf;
    if (paid && anniversary > lastChange) lastChange = anniversary;
    out.vehicleTaxYears.push({
      plate: v.plate,
      ownerIdNumber: v.ownerIdNumber,
      taxYear: year,
      amountFen: exempt ? 0 : vehicleTaxForYearFen(annual, v.registeredOn, year),
      status: exempt ? 'exempt' : paid ? 'paid' : 'unpaid',
      paidOn: paid ? anniversary : null,
      collectedBy: paid ? (INSURERS[(regYear + year) % INSURERS.length] as string) : null,
    });
  }
  const { overdue: _overdue, ...vehicle } = v;
  out.vehicles.push({ ...vehicle, updatedAt: `${lastChange}T10:00:00+08:00` });
}

const INSURERS = [
  '中国人民财产保险股份有限公司广东省分公司',
  '中国平安财产保险股份有限公司广东分公司',
  '中国太平洋财产保险股份有限公司广东分公司',
  '中国人寿财产保险股份有限公司广东省分公司',
];
