/** 发票查询's scanner: the shared QR reader (lib/qr-reader.ts), kept under its old name for the invoice pages. */
export { decodeQr, decodeQrFile, frameOf, lastDecoder } from './qr-reader';
