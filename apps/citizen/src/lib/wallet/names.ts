import {
  CREDENTIAL_TYPES,
  type CredentialType,
  claimLabel,
  displayClaimValue,
  WALLET_PURPOSES,
  type WalletPurpose,
} from '@yss/contracts';
import { useMemo } from 'react';
import { pick, useLocale } from '../../i18n/localize';

const isType = (t: string): t is CredentialType => Object.hasOwn(CREDENTIAL_TYPES, t);
const isPurpose = (p: string): p is WalletPurpose => Object.hasOwn(WALLET_PURPOSES, p);

/**
 * The wallet's names in the app's language. In Chinese the words the server (or the phone's stored copy)
 * gave are shown as they are; in English the type, claim, value and purpose names come from the contracts by
 * their ids (`nameEn`, `labelsEn`, `valueNamesEn`) — the phone's copies were stored with Chinese names, and
 * the server's verdicts and the device's offline ones carry Chinese words, so the ids are what all of them
 * share. Issuers carry their English name from the server (`nameEn`, falling back to the Chinese).
 */
export function walletNames(isEn: boolean) {
  return {
    /** A certificate type's name (`zh`: the name as the server or the stored copy has it). */
    type: (type: string, zh: string) => (isEn && isType(type) ? CREDENTIAL_TYPES[type].nameEn : zh),
    /** A claim's label. */
    claim: (type: string, claim: string, zh?: string) =>
      isType(type) ? (isEn || zh === undefined ? claimLabel(type, claim, isEn ? 'en' : 'zh') : zh) : (zh ?? claim),
    /** A claim's value as shown (`zh`: the server's own display, kept in Chinese). */
    value: (type: string, claim: string, value: unknown, zh?: string) =>
      isType(type) && (isEn || zh === undefined)
        ? displayClaimValue(type, claim, value, isEn ? 'en' : 'zh')
        : (zh ?? String(value)),
    /** A verifier purpose's name (酒店入住 / Hotel check-in …). */
    purpose: (id: string, zh: string) => (isEn && isPurpose(id) ? WALLET_PURPOSES[id].nameEn : zh),
    /** An issuing department's name. */
    issuer: (issuer: { name: string; nameEn?: string | undefined }) => pick(isEn, issuer.name, issuer.nameEn),
  };
}

export type WalletNames = ReturnType<typeof walletNames>;

/** `walletNames` for the current UI language. */
export function useWalletNames(): WalletNames {
  const { isEn } = useLocale();
  return useMemo(() => walletNames(isEn), [isEn]);
}
