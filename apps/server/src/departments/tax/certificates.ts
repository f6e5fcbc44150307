/** What a verifier of someone's certificate may see: the surname, and the ID number's first six and last two. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 6)}${'*'.repeat(10)}${idNumber.slice(16)}`;
}

/**
 * 电子税票号码 as this sandbox issues them (our own format, documented in docs/departments/tax.md):
 * 3 · province 44 · city (digits 3–4 of the region code) · issue year (2 digits) · serial (11 digits).
 */
export function certificateNumber(regionCode: string, issuedOn: string, serial: string): string {
  return `344${regionCode.slice(2, 4)}${issuedOn.slice(2, 4)}${serial}`;
}

/**
 * 车辆购置税完税证明（电子版）号码 as this sandbox issues them (our own format, docs/departments/tax.md): 44 · the year
 * of payment (4 digits) · 12 digits.
 */
export function purchaseCertificateNumber(paidOn: string, serial: string): string {
  return `44${paidOn.slice(0, 4)}${serial.padStart(12, '0').slice(-12)}`;
}
