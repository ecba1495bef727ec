export * from './constants.js';
export { isSubdomainName, splitSubdomainName } from './names.js';
export type { SubdomainNameParts } from './names.js';
export { isIndependentSubdomainRecord } from './record.js';
export type { SubdomainRecord } from './record.js';
export {
  escapeSubdomainValue,
  splitSubdomainZonefile,
  subdomainRecordName,
  subdomainSigningPlaintext,
  subdomainToTxtRecord,
  unescapeSubdomainValue,
} from './txt.js';
export { decodeBase64AsPython2 } from './base64.js';
export {
  signSubdomainRecord,
  signSubdomainRecordMultisig,
  subdomainMultisigAddress,
  subdomainSigningDigest,
  verifySubdomainSignature,
} from './signature.js';
export { isUserZoneFile } from './user-zonefile.js';
export { decodeZoneFileSubdomains } from './decode.js';
export type { DecodedSubdomainRecord, SkippedSubdomainRecord, ZoneFileSubdomains } from './decode.js';
export { isValidInitialSubdomainRecord, isValidSubdomainTransition } from './transition.js';
