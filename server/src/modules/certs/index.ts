/**
 * certs: certificates of authenticity on a verifiable transparency log. The log (RFC 9162 hashing, signed C2SP
 * checkpoints, tlog tiles and proofs) is `TransparencyLog`; its verification is shared code in protocol/. Other
 * code imports only this file.
 */
export { CertificatesRepository } from './certificates.repository';
export { CertificatesService, type CertificateMessenger, type CertsCommerce } from './certificates.service';
export { registerCertificateRoutes } from './certificates.routes';
export { LogRepository } from './log.repository';
export { CheckpointAnchoring, nextAnchorStep } from './log-anchoring';
export { registerLogRoutes } from './log.routes';
export { LogSigner, logOrigin } from './log-signer';
export { TransparencyLog } from './log.service';
export { inclusionProof, leafHash, rightEdge, rootHash, verifyConsistency, verifyInclusion } from './merkle';
export { runLogMonitor } from './log-monitor';
export { rootFromTiles, tileHashes } from './tile-reader';
export { runVerify } from './verify-cli';
