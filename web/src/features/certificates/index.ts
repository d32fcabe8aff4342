// Certificates of authenticity, as the app and other features see it: they import certificates only from here (see
// eslint.config.js); every other file in the folder is the feature's own.
export { certificateCard } from './CertificateBubble';
export { CertificatesTab } from './CertificatesTab';
export { MyCertificatesPage } from './MyCertificatesPage';
export { OperatorCertificatesPage } from './OperatorCertificatesPage';
export { ProductCertificates } from './ProductCertificates';
export { VerifyPage } from './VerifyPage';
