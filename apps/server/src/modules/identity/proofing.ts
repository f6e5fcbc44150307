import type { PopulationRegister } from '../../departments/population-register/contract.js';

export type ProofingResult =
  | {
      matched: true;
      personId: string;
      registeredPhone: string | null;
      hukouCityCode: string | null;
      birthDate: string;
    }
  | { matched: false };

/**
 * Identity proofing connector: is this name + resident ID a real person, and which phone is registered
 * for them? The sandbox implementation asks the (sandbox) population register; a face-comparison provider
 * can be added as another implementation of this interface, chosen by configuration.
 */
export interface IdentityProofing {
  check(input: { name: string; idNumber: string }): Promise<ProofingResult>;
}

export class RegisterIdentityProofing implements IdentityProofing {
  constructor(private readonly register: PopulationRegister) {}

  async check(input: { name: string; idNumber: string }): Promise<ProofingResult> {
    const match = await this.register.matchIdentity(input);
    if (!match.matched) return { matched: false };
    const person = await this.register.getPerson(input.idNumber);
    if (person?.status !== 'normal') return { matched: false };
    return {
      matched: true,
      personId: match.personId,
      registeredPhone: person.phone ?? null,
      hukouCityCode: person.hukouCityCode ?? null,
      birthDate: person.birthDate,
    };
  }
}
