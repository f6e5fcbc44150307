/**
 * 车船税 on passenger cars (乘用车, up to 9 seats) in Guangdong, yuan a year by engine displacement, as set by
 * 《广东省车船税实施办法》 within the ranges of the 车船税法 (2012). New-energy cars (pure electric and plug-in
 * hybrid) are exempt (财税〔2018〕74号). A car bought during the year pays from the month of purchase:
 * annual amount ÷ 12 × months left, month of purchase included (车船税法实施条例 art. 19).
 */
const PASSENGER_CAR_YUAN: readonly { upToCc: number; yuan: number }[] = [
  { upToCc: 1_000, yuan: 180 },
  { upToCc: 1_600, yuan: 360 },
  { upToCc: 2_000, yuan: 420 },
  { upToCc: 2_500, yuan: 720 },
  { upToCc: 3_000, yuan: 1_800 },
  { upToCc: 4_000, yuan: 3_000 },
  { upToCc: Number.POSITIVE_INFINITY, yuan: 4_500 },
];

/** Annual tax in fen (0 for new-energy cars). */
export function annualVehicleTaxFen(
  energy: 'fuel' | 'electric' | 'plug-in-hybrid',
  displacementCc: number | null,
): number {
  if (energy !== 'fuel' || displacementCc === null) return 0;
  return (PASSENGER_CAR_YUAN.find((b) => displacementCc <= b.upToCc) as { yuan: number }).yuan * 100;
}

/** Tax in fen for a tax year, prorated by month in the year of registration (YYYY-MM-DD). */
export function vehicleTaxForYearFen(annualFen: number, registeredOn: string, year: number): number {
  const regYear = Number(registeredOn.slice(0, 4));
  if (year < regYear) return 0;
  if (year > regYear) return annualFen;
  const months = 13 - Number(registeredOn.slice(5, 7));
  return Math.round((annualFen * months) / 12);
}
