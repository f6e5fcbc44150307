/** What the real-estate generator produces for a batch, table by table (camelCase rows; areas in cm², money in fen). */
export interface TitleRow {
  certificateNumber: string;
  unitNumber: string;
  cityCode: string;
  regionCode: string;
  location: string;
  use: '住宅' | '车位' | '商业';
  floorAreaCm2: number;
  landUseUntil: string;
  registeredOn: string;
  registrationType: string;
  shareKind: '单独所有' | '共同共有' | '按份共有';
  updatedAt: string;
}

export interface ProofRow {
  proofNumber: string;
  kind: 'mortgage' | 'pre-sale';
  unitNumber: string;
  location: string;
  counterparty: string;
  amountFen: number | null;
  termFrom: string | null;
  termTo: string | null;
  registeredOn: string;
  status: '现势' | '注销';
  cancelledOn: string | null;
  updatedAt: string;
}

export interface ApplicationRow {
  applicationNumber: string;
  cityCode: string;
  kind: string;
  location: string;
  submittedOn: string;
  stepDates: string[];
  updatedAt: string;
}

export interface PlatMapRow {
  certificateNumber: string;
  /** The title's unit: plat maps are written only for titles stored under this unit. */
  unitNumber: string;
  parcelCode: string;
  parcelAreaCm2: number;
  parcel: [number, number][];
  building: [number, number][];
  boundaries: string;
  surveyedOn: string;
}

export interface RealEstateRecords {
  titles: TitleRow[];
  /** Holders by the title's unit number (the certificate number is looked up when written). */
  holders: { unitNumber: string; certificateNumber: string; idNumber: string; name: string }[];
  proofs: ProofRow[];
  proofParties: { proofNumber: string; unitNumber: string; idNumber: string; role: 'right-holder' | 'obligor' }[];
  applications: ApplicationRow[];
  /** Applicants by application number and location (joined to the application when written). */
  applicants: { applicationNumber: string; location: string; idNumber: string }[];
  platMaps: PlatMapRow[];
}

export function emptyRealEstateRecords(): RealEstateRecords {
  return { titles: [], holders: [], proofs: [], proofParties: [], applications: [], applicants: [], platMaps: [] };
}
