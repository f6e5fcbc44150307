import type { LinkResult } from '@yss/contracts';
import { walletApi } from '../../api/wallet';
import { newHolderKeys, type StoredCertificate, toStored, walletStore } from './store';

/**
 * The holder's two network steps: link a type (授权关联) and renew a link's batch. Both make a batch of fresh
 * non-extractable keys here, send only the public halves, and keep the issued batch with its keys on this phone.
 * `run` wraps the request (the page passes auth.withVerification: the server asks for a fresh 刷脸/PIN).
 */
type Run = <T>(fn: () => Promise<T>) => Promise<T>;

async function keep(accountId: string, result: LinkResult, keys: { privateKey: CryptoKey }[]) {
  const stored = toStored(result.link, result.batch, keys);
  await walletStore.put(accountId, stored);
  return stored;
}

export async function linkCertificate(
  run: Run,
  accountId: string,
  type: string,
  city: string,
): Promise<StoredCertificate> {
  const keys = await newHolderKeys();
  const result = await run(() => walletApi.link({ type, city, holderKeys: keys.map((k) => k.publicJwk) }));
  return keep(accountId, result, keys);
}

export async function renewCertificate(
  run: Run,
  accountId: string,
  linkId: string,
  city: string,
): Promise<StoredCertificate> {
  const keys = await newHolderKeys();
  const result = await run(() => walletApi.refresh(linkId, { city, holderKeys: keys.map((k) => k.publicJwk) }));
  return keep(accountId, result, keys);
}
