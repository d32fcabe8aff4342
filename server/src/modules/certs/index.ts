/**
 * certs: certificates of authenticity on a verifiable transparency log. The log's tree hashing and proofs (RFC 9162)
 * are pure code in merkle.ts. Other code imports only this file.
 */
export {
  consistencyProof,
  inclusionProof,
  leafHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type HashSource,
} from './merkle';
