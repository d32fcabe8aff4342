import type { CertificateMessenger } from '../modules/certs';
import type { ChatService } from '../modules/chat';

const system = { kind: 'system' as const };

/**
 * A certificate given to a friend arrives as a card in the giver's direct room with them. The card carries what the
 * chat shows without asking certificates (product, serial, seller, picture); its `text` is what a chat list or a
 * notification shows.
 */
export function chatCertificateMessenger(chat: ChatService): CertificateMessenger {
  return {
    async given({ fromUserId, toUserId, certificate, reference }) {
      await chat.postAs(system, {
        fromUserId,
        toUserId,
        kind: 'text',
        clientMsgId: `certificate-${reference}`,
        body: {
          text: `${certificate.product.name} · ${certificate.serial}`,
          certificate: {
            certId: certificate.id,
            productName: certificate.product.name,
            serial: certificate.serial,
            sellerName: certificate.seller.name,
            imageUrl: certificate.product.imageUrl,
          },
        },
      });
    },
  };
}
