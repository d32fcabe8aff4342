import { createHash, createHmac } from 'node:crypto';
import type { Certificate, CertificationRequest, LogEntry, ProductCertification, ProofBundle, RevokeEntry } from '@maum/protocol';
import { requireOperator, requireSystem, requireUser, type Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { readTogether, type Together } from '../../platform/db/bulk';
import type { Database, Executor } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import type { Logger } from '../../platform/log';
import { newId } from '../../platform/ids';
import type { AccountsDirectory } from '../accounts';
import type { CertificateRow, CertificatesRepository, EventRow, OwedEntryRow, RequestRow } from './certificates.repository';
import type { TransparencyLog } from './log.service';

/** What certificates need from commerce: who sells, what they sell, and its pictures. Implemented in `flows/`. */
export interface CertsCommerce {
  /** The seller the caller works for: any seller to `read` what it has, only one that may sell now to `sell`. */
  sellerOf(actor: Actor, purpose: 'read' | 'sell'): Promise<{ id: string; name: string }>;
  product(productId: string): Promise<{ id: string; name: string; sellerId: string; imageId: string | null } | undefined>;
  requireOwnImages(sellerId: string, imageIds: string[]): Promise<void>;
  image(imageId: string): Promise<Buffer | null>;
  /** Where a picture of commerce's is served. */
  imageUrl(imageId: string): string;
}

/** How a certificate given to a friend reaches them: as a card in the giver's chat with them. Implemented in `flows/`. */
export interface CertificateMessenger {
  /** Owes the card of a certificate given to a friend in `tx`, the transaction that moves it; posted once that commits. */
  given(input: { fromUserId: string; toUserId: string; certificate: Certificate; reference: string }, tx: Executor): Promise<void>;
}

/** How long an owed log entry is left to the change that owes it before it counts as cut off by a crash. */
const OWED_ENTRY_GRACE_MS = 60_000;

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function transferEntry(certificateId: string, from: string, to: string, reference: { kind: 'order' | 'gift'; id: string }, at: Date): LogEntry {
  return { kind: 'transfer', certificateId, from, to, reference, transferredAt: iso(at) };
}

/** A certificate's event, as its log entry at `logIndex` tells it. */
function eventOf(entry: LogEntry, logIndex: number, at: Date): EventRow {
  const base = { certificateId: entry.certificateId, logIndex, kind: entry.kind, at };
  switch (entry.kind) {
    case 'issue':
      return { ...base, fromPseudonym: null, toPseudonym: entry.owner, reason: null };
    case 'transfer':
      return { ...base, fromPseudonym: entry.from, toPseudonym: entry.to, reason: null };
    case 'revoke':
      return { ...base, fromPseudonym: null, toPseudonym: null, reason: entry.reason };
  }
}

/**
 * Certificates of authenticity. The operator verifies a seller's product; the seller then issues a certificate
 * per item, recorded as an `issue` entry on the transparency log. Ownership moves with sales, gifts and transfers
 * between friends (`transfer` entries), and the operator can revoke (`revoke`). Owners appear on the log only as
 * pseudonyms: a keyed hash of the account.
 */
export class CertificatesService {
  constructor(
    private readonly deps: {
      database: Database;
      repo: CertificatesRepository;
      log: TransparencyLog;
      commerce: CertsCommerce;
      messenger: CertificateMessenger;
      logger: Logger;
      people: AccountsDirectory;
      /** The key of owner pseudonyms; without it, nobody can tell whose pseudonym is whose. */
      pseudonymKey: Buffer;
      publicUrl: string;
      clock: Clock;
    },
  ) {}

  pseudonymOf(accountOrSellerId: string): string {
    return `own_${createHmac('sha256', this.deps.pseudonymKey).update(accountOrSellerId).digest('hex')}`;
  }

  async requestCertification(actor: Actor, input: { productId: string; evidenceImageIds: string[]; note: string }): Promise<CertificationRequest> {
    const seller = await this.deps.commerce.sellerOf(actor, 'sell');
    const product = await this.deps.commerce.product(input.productId);
    if (!product || product.sellerId !== seller.id) throw new AppError('not_found', 'No such product in your store.');
    await this.deps.commerce.requireOwnImages(seller.id, input.evidenceImageIds);
    const row: RequestRow = {
      id: newId('crq'),
      sellerId: seller.id,
      sellerName: seller.name,
      productId: product.id,
      productName: product.name,
      evidenceImageIds: input.evidenceImageIds,
      note: input.note,
      status: 'pending',
      reason: null,
      createdAt: this.deps.clock.now(),
      reviewedAt: null,
      reviewedBy: null,
    };
    if (!(await this.deps.repo.insertRequest(row))) throw new AppError('certification_open', 'This product is already certified, or a request for it is waiting for review.');
    return this.toRequest(row);
  }

  async myRequests(actor: Actor): Promise<CertificationRequest[]> {
    const seller = await this.deps.commerce.sellerOf(actor, 'read');
    return (await this.deps.repo.requests({ sellerId: seller.id }, 200)).map((r) => this.toRequest(r));
  }

  async queue(actor: Actor, status: RequestRow['status'] | undefined): Promise<CertificationRequest[]> {
    requireOperator(actor);
    return (await this.deps.repo.requests({ status }, 200)).map((r) => this.toRequest(r));
  }

  async review(actor: Actor, requestId: string, decision: { approve: true } | { approve: false; reason: string }): Promise<CertificationRequest> {
    const operatorId = requireOperator(actor).userId;
    const row = await this.deps.repo.review(requestId, {
      status: decision.approve ? 'approved' : 'rejected',
      reason: decision.approve ? null : decision.reason,
      reviewedAt: this.deps.clock.now(),
      reviewedBy: operatorId,
    });
    if (!row) {
      const found = await this.deps.repo.findRequest(requestId);
      if (!found) throw new AppError('not_found', 'No such certification request.');
      throw new AppError('too_late', `This request was already ${found.status}.`);
    }
    return this.toRequest(row);
  }

  /** Issues one certificate per serial for a product the operator verified, each an `issue` entry on the log. */
  async issue(actor: Actor, input: { productId: string; serials: string[] }): Promise<Certificate[]> {
    const seller = await this.deps.commerce.sellerOf(actor, 'sell');
    const product = await this.deps.commerce.product(input.productId);
    if (!product || product.sellerId !== seller.id) throw new AppError('not_found', 'No such product in your store.');
    const approved = await this.deps.repo.approvedRequestFor(product.id);
    if (!approved) throw new AppError('product_not_certified', 'The operator has not verified this product yet; ask for certification first.');
    const serials = [...new Set(input.serials)];
    // The entry names the picture the operator saw: its hash, so a swapped picture shows.
    const photo = await this.deps.commerce.image(product.imageId ?? approved.evidenceImageIds[0]!);
    if (!photo) throw new AppError('validation_failed', 'The product’s picture is missing; add it again before issuing.');
    const mediaHash = createHash('sha256').update(photo).digest('hex');
    const now = this.deps.clock.now();
    const holder = this.pseudonymOf(seller.id);
    const rows: CertificateRow[] = serials.map((serial) => ({
      id: newId('crt'),
      productId: product.id,
      productName: product.name,
      imageId: product.imageId,
      sellerId: seller.id,
      sellerName: seller.name,
      serial,
      ownerId: null,
      ownerPseudonym: holder,
      status: 'active',
      issuedAt: now,
    }));
    await this.changeThenLog(async (repo) => {
      // All or none: a serial already taken undoes the whole batch.
      if (!(await repo.insertCertificates(rows))) throw new AppError('serial_taken', 'One of these serials already has a certificate for this product.');
      const entries = rows.map((row) => ({
        kind: 'issue' as const,
        certificateId: row.id,
        product: { id: product.id, name: product.name },
        seller: { id: seller.id, name: seller.name },
        serial: row.serial,
        attributes: {},
        mediaHash,
        issuedAt: iso(now),
        owner: holder,
      }));
      return { result: rows, entries };
    });
    return this.present(rows, null);
  }

  async sellerCertificates(actor: Actor): Promise<Certificate[]> {
    const seller = await this.deps.commerce.sellerOf(actor, 'read');
    return this.present(await this.deps.repo.certificatesOf({ sellerId: seller.id }, 500), null);
  }

  async mine(actor: Actor): Promise<Certificate[]> {
    const user = requireUser(actor);
    return this.present(await this.deps.repo.certificatesOf({ ownerId: user.userId }, 500), user.userId);
  }

  /** Active certificates someone holds, for a flow that shows them where that person chose to (their profile space). */
  async heldBy(actor: Actor, ownerId: string): Promise<Certificate[]> {
    requireSystem(actor, 'Only server flows read what someone else holds.');
    const rows = await this.deps.repo.certificatesOf({ ownerId }, 100);
    return this.present(rows.filter((row) => row.status === 'active'), null);
  }

  /** The owner gives a certificate to a friend, who finds it as a card in their chat with the giver. */
  async transfer(actor: Actor, certId: string, toUserId: string): Promise<Certificate> {
    const user = requireUser(actor);
    const cert = await this.deps.repo.findCertificate(certId);
    if (!cert || cert.ownerId !== user.userId) throw new AppError('not_found', 'You do not own this certificate.');
    if (toUserId === user.userId) throw new AppError('validation_failed', 'Pick someone other than yourself.');
    const isFriend = (await this.deps.people.hasAdded(user.userId, toUserId)) && !(await this.deps.people.hasBlocked(toUserId, user.userId));
    if (!isFriend) throw new AppError('not_found', 'No such friend.');
    const now = this.deps.clock.now();
    const reference = `transfer-${cert.id}-${now.getTime()}`;
    const to = this.pseudonymOf(toUserId);
    // The card shows the certificate as its new owner will see it; it is owed with the move, in one transaction.
    const [given] = await this.present([{ ...cert, ownerId: toUserId, ownerPseudonym: to }], toUserId);
    const moved = await this.changeThenLog(async (repo, tx) => {
      const row = await repo.moveOwner(cert.id, user.userId, { ownerId: toUserId, ownerPseudonym: to });
      if (row) await this.deps.messenger.given({ fromUserId: user.userId, toUserId, certificate: given!, reference }, tx);
      return { result: row, entries: row ? [transferEntry(cert.id, cert.ownerPseudonym, to, { kind: 'gift', id: reference }, now)] : [] };
    });
    if (!moved) throw new AppError('too_late', 'This certificate was revoked or has already changed hands.');
    return { ...(await this.present([moved], toUserId))[0]!, mine: false };
  }

  /**
   * Which of `productIds` have certificates their sellers still hold, as a query of `readTogether`: a transaction
   * that sells them reads it with its first change, and gives it to `handOverSold`.
   */
  heldAmong(actor: Actor, productIds: string[]): Together<Set<string>> {
    requireSystem(actor, 'Only the order flow hands certificates over.');
    const { query, read } = this.deps.repo.productsWithHeldQuery(productIds);
    return { query, read: (rows) => new Set(read(rows)) };
  }

  /**
   * Sales and accepted gifts hand the seller's certificates for their items over to the new owners, inside the
   * transaction that pays the orders or accepts the gift, so the two happen together or not at all. The log entries
   * this owes are appended once that transaction has committed. `held` is what `heldAmong` read in that transaction
   * for the sales' products; without it, it is read here.
   */
  async handOverSold(
    actor: Actor,
    tx: Executor,
    sales: Array<{ items: Array<{ productId: string; quantity: number }>; toUserId: string; reference: { kind: 'order' | 'gift'; id: string } }>,
    held?: Set<string>,
  ): Promise<void> {
    requireSystem(actor, 'Only the order flow hands certificates over.');
    const repo = this.deps.repo.with(tx);
    const productIds = [...new Set(sales.flatMap((sale) => sale.items.map((i) => i.productId)))];
    // Most products carry no certificates, and then nothing else happens.
    const certified = held ?? (productIds.length > 0 ? (await readTogether(tx, [this.heldAmong(actor, productIds)]))[0] : new Set<string>());
    if (certified.size === 0) return;
    const now = this.deps.clock.now();
    const entries: LogEntry[] = [];
    for (const sale of sales) {
      const to = this.pseudonymOf(sale.toUserId);
      for (const item of sale.items.filter((i) => certified.has(i.productId))) {
        for (const cert of await repo.takeHeld(item.productId, item.quantity, { ownerId: sale.toUserId, ownerPseudonym: to })) {
          entries.push(transferEntry(cert.id, this.pseudonymOf(cert.sellerId), to, sale.reference, now));
        }
      }
    }
    await this.oweEntries(tx, entries, now, await this.deps.log.size(tx));
  }

  /**
   * Appends entries a committed change owes and records their events. The change stands whatever happens here: if
   * the log cannot take the entries now, they stay owed and `settleOwedEntries` appends them later.
   */
  private async logOwed(owed: OwedEntryRow[]): Promise<void> {
    if (owed.length === 0) return;
    try {
      await this.settle(owed, await this.deps.log.appendMany(owed.map((o) => o.entry)));
    } catch (err) {
      this.deps.logger.warn({ err, entries: owed.length }, 'certificate changes were made but are not on the log yet; they will be appended later');
    }
  }

  async revoke(actor: Actor, certId: string, input: { reason: RevokeEntry['reason']; detail?: string }): Promise<Certificate> {
    requireOperator(actor);
    const now = this.deps.clock.now();
    const row = await this.changeThenLog(async (repo) => {
      const revoked = await repo.revoke(certId);
      const entry: LogEntry = { kind: 'revoke', certificateId: certId, reason: input.reason, ...(input.detail ? { detail: input.detail } : {}), revokedAt: iso(now) };
      return { result: revoked, entries: revoked ? [entry] : [] };
    });
    if (!row) {
      if (!(await this.deps.repo.findCertificate(certId))) throw new AppError('not_found', 'No such certificate.');
      throw new AppError('too_late', 'This certificate is already revoked.');
    }
    return (await this.present([row], null))[0]!;
  }

  /**
   * Makes a change and records the log entries it owes in one transaction; they are appended once it commits. A
   * crash after the commit leaves the entries owed, and `settleOwedEntries` finishes them: the log never misses a
   * change that happened. Answers what `change` answered.
   */
  private async changeThenLog<T>(change: (repo: CertificatesRepository, tx: Executor) => Promise<{ result: T; entries: LogEntry[] }>): Promise<T> {
    const logSizeBefore = await this.deps.log.size();
    const now = this.deps.clock.now();
    return this.deps.database.transaction(async (tx) => {
      const changed = await change(this.deps.repo.with(tx), tx);
      await this.oweEntries(tx, changed.entries, now, logSizeBefore);
      return changed.result;
    });
  }

  /** Writes the log entries a change owes in its transaction `tx`, and appends them once `tx` has committed. */
  private async oweEntries(tx: Executor, entries: LogEntry[], at: Date, logSizeBefore: number): Promise<void> {
    if (entries.length === 0) return;
    const owed = entries.map((entry) => ({ id: newId('clo'), entry, at, logSizeBefore }));
    await this.deps.repo.with(tx).insertOwedEntries(owed);
    await this.deps.database.afterCommit(tx, () => this.logOwed(owed));
  }

  /** Records the events of entries now on the log, at `indices`, and clears them from what is owed. */
  private async settle(owed: OwedEntryRow[], indices: number[]): Promise<void> {
    await this.deps.database.transaction(async (tx) => {
      const repo = this.deps.repo.with(tx);
      await repo.insertEvents(owed.map((o, i) => eventOf(o.entry, indices[i]!, o.at)));
      await repo.deleteOwedEntries(owed.map((o) => o.id));
    });
  }

  /**
   * Finishes changes a crash cut off between their commit and the log: each entry still owed since before
   * `olderThan` is found on the log (when its append went through) or appended with the others in one batch, and its
   * event recorded. Changes under way are younger than that and left alone. Answers how many were finished.
   */
  async settleOwedEntries(actor: Actor, olderThan = new Date(this.deps.clock.now().getTime() - OWED_ENTRY_GRACE_MS)): Promise<number> {
    requireOperator(actor);
    const owed = await this.deps.repo.owedEntriesBefore(olderThan, 500);
    if (owed.length === 0) return 0;
    const found: Array<number | undefined> = [];
    for (const row of owed) found.push(await this.deps.log.indexOf(row.entry, row.logSizeBefore));
    const appended = await this.deps.log.appendMany(owed.filter((_, i) => found[i] === undefined).map((row) => row.entry));
    let next = 0;
    await this.settle(
      owed,
      found.map((index) => index ?? appended[next++]!),
    );
    return owed.length;
  }

  /** A certificate for anyone, signed in or not. */
  async certificate(actor: Actor, certId: string): Promise<Certificate> {
    const row = await this.deps.repo.findCertificate(certId);
    if (!row) throw new AppError('not_found', 'No such certificate.');
    return (await this.present([row], actor.kind === 'user' ? actor.userId : null))[0]!;
  }

  /** Whether a product is certified, for anyone; a signed-in caller also gets the certificates of it they own. */
  async productCertification(actor: Actor, productId: string): Promise<ProductCertification> {
    const approved = await this.deps.repo.approvedRequestFor(productId);
    const viewerId = actor.kind === 'user' ? actor.userId : null;
    const mine = approved && viewerId ? await this.deps.repo.certificatesOf({ ownerId: viewerId, productId }, 100) : [];
    return { productId, certified: !!approved, certifiedAt: approved?.reviewedAt?.toISOString() ?? null, mine: await this.present(mine, viewerId) };
  }

  async bundle(_actor: Actor, certId: string): Promise<ProofBundle> {
    const events = await this.deps.repo.eventsOf([certId]);
    if (events.length === 0) {
      if (!(await this.deps.repo.findCertificate(certId))) throw new AppError('not_found', 'No such certificate.');
      throw new AppError('unavailable', 'This certificate is not on the log yet; try again in a minute.');
    }
    return this.deps.log.bundle(events.map((e) => e.logIndex));
  }

  private async present(rows: CertificateRow[], viewerId: string | null): Promise<Certificate[]> {
    const events = await this.deps.repo.eventsOf(rows.map((r) => r.id));
    return rows.map((row) => this.toCertificate(row, events, viewerId));
  }

  private toRequest(row: RequestRow): CertificationRequest {
    return {
      id: row.id,
      productId: row.productId,
      productName: row.productName,
      sellerId: row.sellerId,
      sellerName: row.sellerName,
      evidenceUrls: row.evidenceImageIds.map((id) => this.deps.commerce.imageUrl(id)),
      note: row.note,
      status: row.status,
      reason: row.reason,
      createdAt: row.createdAt.toISOString(),
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
    };
  }

  private toCertificate(row: CertificateRow, events: EventRow[], viewerId: string | null): Certificate {
    return {
      id: row.id,
      serial: row.serial,
      product: { id: row.productId, name: row.productName, imageUrl: row.imageId ? this.deps.commerce.imageUrl(row.imageId) : null },
      seller: { id: row.sellerId, name: row.sellerName },
      status: row.status,
      owner: row.ownerPseudonym,
      mine: viewerId !== null && row.ownerId === viewerId,
      issuedAt: row.issuedAt.toISOString(),
      history: events
        .filter((e) => e.certificateId === row.id)
        .map((e) => ({ kind: e.kind, logIndex: e.logIndex, at: e.at.toISOString(), from: e.fromPseudonym, to: e.toPseudonym, reason: e.reason })),
      verifyUrl: `${this.deps.publicUrl}/verify/${row.id}`,
    };
  }
}
