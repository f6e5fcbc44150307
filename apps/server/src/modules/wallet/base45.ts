/** Base45 (RFC 9285): the one implementation lives in the contracts, shared with the web apps. */
export { base45Decode, base45Encode } from '@yss/contracts/wallet-codec';
