import { z } from 'zod';
import { defineDepartment } from '../framework/contract.js';
import { IdNumberInput as CheckedIdNumberInput } from '../kit/inputs.js';
import {
  FamilyRelation,
  IdentityMatch,
  IdentityMatchInput,
  type PopulationRegister,
  RegisteredPerson,
} from './contract.js';
import { HouseholdApproval, IdCardApplication, ResidencePermit, ResidenceRegistration } from './household-contract.js';
import type { SandboxHouseholdServices } from './household-sandbox.js';
import {
  EndorseResidencePermitInput,
  EndorseResidencePermitOutput,
  IssueResidencePermitInput,
  IssueResidencePermitOutput,
  RegisterBirthInput,
  RegisterBirthOutput,
  RegisterResidenceInput,
  RegisterResidenceOutput,
  type SandboxHouseholdWrites,
} from './household-writes.js';

const IdNumberInput = z.object({
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号码格式有误，请输入18位居民身份证号码'),
});

/**
 * The population register (公安户政) as a department contract on the connector framework: the same four
 * reads as the `PopulationRegister` interface the identity module uses, over any transport.
 */
export const populationRegisterSpec = defineDepartment({
  id: 'population-register',
  name: '广东省公安厅（户政）',
  catalogDepartmentIds: ['gd-public-security'],
  operations: {
    matchIdentity: {
      summary: '实名核验: does a living person have exactly this name and ID number?',
      input: IdentityMatchInput,
      output: IdentityMatch,
      idempotent: true,
    },
    getPerson: {
      summary: '人口信息: the record of an ID number (any status), or null',
      input: IdNumberInput,
      output: z.object({ person: RegisteredPerson.nullable() }),
      idempotent: true,
    },
    familyOf: {
      summary: '家庭关系: spouse, parents and children as the register links them',
      input: IdNumberInput,
      output: z.object({ relations: z.array(FamilyRelation) }),
      idempotent: true,
    },
    findByPhone: {
      summary: '按登记手机号查询: everyone whose registered mobile number this is',
      input: z.object({ phone: z.string().regex(/^1[3-9]\d{9}$/, '手机号码格式有误') }),
      output: z.object({ people: z.array(RegisteredPerson) }),
      idempotent: true,
    },
    countByName: {
      summary: '同名人数: how many living people bear exactly this name, by sex (a count, never the people)',
      input: z.object({ name: z.string().trim().min(1, '请输入姓名').max(30, '姓名过长') }),
      output: z.object({ male: z.number().int().min(0), female: z.number().int().min(0) }),
      idempotent: true,
    },
    // The household services (户政业务), added by the department-systems issue: keyed by the ID number as
    // the person proves it; a number no one holds gets empty lists.
    idCardApplications: {
      summary: '身份证办理进度: ID-card applications accepted in Guangdong in the last half year (any hukou)',
      input: CheckedIdNumberInput,
      output: z.object({ applications: z.array(IdCardApplication) }),
      idempotent: true,
    },
    householdApprovals: {
      summary: '户政审批查询: approvals about the person or applied for by them (出生审批, 市外迁入, 户口注销 …)',
      input: CheckedIdNumberInput,
      output: z.object({ approvals: z.array(HouseholdApproval) }),
      idempotent: true,
    },
    residenceRecords: {
      summary: '居住登记与居住证: residence registrations and residence permits with their progress',
      input: CheckedIdNumberInput,
      output: z.object({ registrations: z.array(ResidenceRegistration), permits: z.array(ResidencePermit) }),
      idempotent: true,
    },
    // Writes for approved online cases (docs/cases.md "Fulfilment"), idempotent by the platform's reference.
    issueResidencePermit: {
      summary: '居住证制发: issue the 广东省居住证 of an approved 申领居住证 case (same reference: the first result)',
      input: IssueResidencePermitInput,
      output: IssueResidencePermitOutput,
      idempotent: false,
    },
    registerResidence: {
      summary: '居住登记: record the 居住登记 of an approved 申报居住登记 case (same reference: the first result)',
      input: RegisterResidenceInput,
      output: RegisterResidenceOutput,
      idempotent: false,
    },
    endorseResidencePermit: {
      summary:
        '居住证签注: the yearly 签注 of an approved 签注居住证 case, a year more (same reference: the first result)',
      input: EndorseResidencePermitInput,
      output: EndorseResidencePermitOutput,
      idempotent: false,
    },
    registerBirth: {
      summary:
        '出生登记: register the child of an approved 出生登记 case in the parent’s household (same reference: the first result)',
      input: RegisterBirthInput,
      output: RegisterBirthOutput,
      idempotent: false,
    },
  },
});
export type PopulationRegisterSpec = typeof populationRegisterSpec;

/** The sandbox class's methods as the contract's operations. */
export function populationRegisterOperations(register: PopulationRegister) {
  return {
    matchIdentity: (input: { name: string; idNumber: string }) => register.matchIdentity(input),
    getPerson: async ({ idNumber }: { idNumber: string }) => ({ person: (await register.getPerson(idNumber)) ?? null }),
    familyOf: async ({ idNumber }: { idNumber: string }) => ({ relations: await register.familyOf(idNumber) }),
    findByPhone: async ({ phone }: { phone: string }) => ({ people: await register.findByPhone(phone) }),
    countByName: ({ name }: { name: string }) => register.countByName(name),
  };
}

/** The household services' sandbox as the contract's operations. */
export function householdOperations(services: SandboxHouseholdServices) {
  return {
    idCardApplications: async ({ idNumber }: { idNumber: string }) => ({
      applications: await services.idCardApplications(idNumber),
    }),
    householdApprovals: async ({ idNumber }: { idNumber: string }) => ({
      approvals: await services.householdApprovals(idNumber),
    }),
    residenceRecords: ({ idNumber }: { idNumber: string }) => services.residenceRecords(idNumber),
  };
}

/** The register's write operations (household-writes.ts) as the contract's operations. */
export function householdWriteOperations(writes: SandboxHouseholdWrites) {
  return {
    issueResidencePermit: (i: Parameters<SandboxHouseholdWrites['issueResidencePermit']>[0]) =>
      writes.issueResidencePermit(i),
    registerBirth: (i: Parameters<SandboxHouseholdWrites['registerBirth']>[0]) => writes.registerBirth(i),
    registerResidence: (i: Parameters<SandboxHouseholdWrites['registerResidence']>[0]) => writes.registerResidence(i),
    endorseResidencePermit: (i: Parameters<SandboxHouseholdWrites['endorseResidencePermit']>[0]) =>
      writes.endorseResidencePermit(i),
  };
}

type Client = {
  matchIdentity(input: { name: string; idNumber: string }): Promise<IdentityMatch>;
  getPerson(input: { idNumber: string }): Promise<{ person: RegisteredPerson | null }>;
  familyOf(input: { idNumber: string }): Promise<{ relations: FamilyRelation[] }>;
  findByPhone(input: { phone: string }): Promise<{ people: RegisteredPerson[] }>;
  countByName(input: { name: string }): Promise<{ male: number; female: number }>;
};

/**
 * The `PopulationRegister` interface over a connector client, for the identity and delegation modules. A
 * malformed ID number is "no such person" here, as the interface promises, not an input error.
 */
export function populationRegisterFromClient(client: Client): PopulationRegister {
  const wellFormed = (id: string) => /^\d{17}[\dXx]$/.test(id.trim());
  return {
    matchIdentity: (input) => client.matchIdentity(input),
    getPerson: async (idNumber) =>
      wellFormed(idNumber) ? ((await client.getPerson({ idNumber })).person ?? undefined) : undefined,
    familyOf: async (idNumber) => (wellFormed(idNumber) ? (await client.familyOf({ idNumber })).relations : []),
    findByPhone: async (phone) => (await client.findByPhone({ phone })).people,
    countByName: (name) => client.countByName({ name }),
  };
}
