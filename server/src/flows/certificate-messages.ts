import type { CertificateMessenger } from '../modules/certs';
import type { ChatService } from '../modules/chat';

const system = { kind: 'system' as const };

/**
 * A certificate given to a friend arrives as a card in the giver's direct room with them. The card carries what the
 * chat shows without asking certificates (product, serial, seller, picture), and opens the certificate's page.
 */
export function chatCertificateMessenger(chat: ChatService): CertificateMessenger {
  return {
    async given({ fromUserId, toUserId, certificate, reference }, tx) {
      await chat.postCard(
        system,
        {
          fromUserId,
          toUserId,
          clientMsgId: `certificate-${reference}`,
          card: {
            type: 'certificate',
            certId: certificate.id,
            productName: certificate.product.name,
            serial: certificate.serial,
            sellerName: certificate.seller.name,
            imageUrl: certificate.product.imageUrl,
          },
        },
        tx,
      );
    },
  };
}
