import { and, asc, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { anyOf, type Together } from '../../platform/db/bulk';
import type { Executor } from '../../platform/db/database';
import { certificateEvents, certificateLogOutbox, certificates, certificationRequests } from './certificates.schema';

export type RequestRow = typeof certificationRequests.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type EventRow = typeof certificateEvents.$inferSelect;
export type OwedEntryRow = typeof certificateLogOutbox.$inferSelect;

/** All SQL for certification requests, certificates and their events. */
export class CertificatesRepository {
  constructor(private readonly db: Executor) {}

  with(tx: Executor): CertificatesRepository {
    return new CertificatesRepository(tx);
  }

  /** Inserts a request; answers false when the product already has one under review or approved. */
  async insertRequest(row: RequestRow): Promise<boolean> {
    const inserted = await this.db.insert(certificationRequests).values(row).onConflictDoNothing().returning({ id: certificationRequests.id });
    return inserted.length === 1;
  }

  async findRequest(id: string): Promise<RequestRow | undefined> {
    const [row] = await this.db.select().from(certificationRequests).where(eq(certificationRequests.id, id));
    return row;
  }

  async requests(filter: { sellerId?: string; status?: RequestRow['status'] }, limit: number): Promise<RequestRow[]> {
    return this.db
      .select()
      .from(certificationRequests)
      .where(and(filter.sellerId ? eq(certificationRequests.sellerId, filter.sellerId) : undefined, filter.status ? eq(certificationRequests.status, filter.status) : undefined))
      .orderBy(desc(certificationRequests.createdAt))
      .limit(limit);
  }

  async review(id: string, change: Pick<RequestRow, 'status' | 'reason' | 'reviewedAt' | 'reviewedBy'>): Promise<RequestRow | undefined> {
    const [row] = await this.db
      .update(certificationRequests)
      .set(change)
      .where(and(eq(certificationRequests.id, id), eq(certificationRequests.status, 'pending')))
      .returning();
    return row;
  }

  async approvedRequestFor(productId: string): Promise<RequestRow | undefined> {
    const [row] = await this.db
      .select()
      .from(certificationRequests)
      .where(and(eq(certificationRequests.productId, productId), eq(certificationRequests.status, 'approved')))
      .limit(1);
    return row;
  }

  /** Inserts certificates; answers nothing when a serial is already taken for the product (the unique key refuses). */
  async insertCertificates(rows: CertificateRow[]): Promise<CertificateRow[] | undefined> {
    const inserted = await this.db.insert(certificates).values(rows).onConflictDoNothing().returning();
    return inserted.length === rows.length ? inserted : undefined;
  }

  /** Records events; one already recorded (the same certificate and log index) is left as it is. */
  async insertEvents(rows: EventRow[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(certificateEvents).values(rows).onConflictDoNothing();
  }

  async insertOwedEntries(rows: OwedEntryRow[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(certificateLogOutbox).values(rows);
  }

  async deleteOwedEntries(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.db.delete(certificateLogOutbox).where(inArray(certificateLogOutbox.id, ids));
  }

  /** Entries owed since before `before`, oldest first: those a crash left behind, not those being appended now. */
  async owedEntriesBefore(before: Date, limit: number): Promise<OwedEntryRow[]> {
    return this.db.select().from(certificateLogOutbox).where(lt(certificateLogOutbox.at, before)).orderBy(asc(certificateLogOutbox.at), asc(certificateLogOutbox.id)).limit(limit);
  }

  async findCertificate(id: string): Promise<CertificateRow | undefined> {
    const [row] = await this.db.select().from(certificates).where(eq(certificates.id, id));
    return row;
  }

  async certificatesOf(filter: { ownerId?: string; sellerId?: string; productId?: string }, limit: number): Promise<CertificateRow[]> {
    return this.db
      .select()
      .from(certificates)
      .where(
        and(
          filter.ownerId ? eq(certificates.ownerId, filter.ownerId) : undefined,
          filter.sellerId ? eq(certificates.sellerId, filter.sellerId) : undefined,
          filter.productId ? eq(certificates.productId, filter.productId) : undefined,
        ),
      )
      .orderBy(desc(certificates.issuedAt), asc(certificates.serial))
      .limit(limit);
  }

  async eventsOf(ids: string[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    return this.db.select().from(certificateEvents).where(inArray(certificateEvents.certificateId, ids)).orderBy(asc(certificateEvents.logIndex));
  }

  /** Moves a certificate from its owner to a new one, only while it is active: two transfers of one cannot both happen. */
  async moveOwner(id: string, fromOwnerId: string, to: { ownerId: string; ownerPseudonym: string }): Promise<CertificateRow | undefined> {
    const [row] = await this.db
      .update(certificates)
      .set(to)
      .where(and(eq(certificates.id, id), eq(certificates.status, 'active'), eq(certificates.ownerId, fromOwnerId)))
      .returning();
    return row;
  }

  /** Which of `productIds` have certificates their sellers still hold, as a query of `readTogether`. */
  productsWithHeldQuery(productIds: string[]): Together<string[]> {
    const query = this.db
      .selectDistinct({ productId: certificates.productId })
      .from(certificates)
      .where(and(anyOf(certificates.productId, productIds), eq(certificates.status, 'active'), isNull(certificates.ownerId)))
      .getSQL();
    return { query, read: (rows) => rows.map((row) => String(row.product_id)) };
  }

  /**
   * Hands up to `quantity` of the certificates a product's seller still holds, oldest first, to a new owner, in one
   * statement. Certificates another sale is taking at the same moment are skipped rather than waited for, so
   * concurrent sales each get their own and none comes away short while the seller still holds some.
   */
  async takeHeld(productId: string, quantity: number, to: { ownerId: string; ownerPseudonym: string }): Promise<CertificateRow[]> {
    const held = this.db
      .select({ id: certificates.id })
      .from(certificates)
      .where(and(eq(certificates.productId, productId), eq(certificates.status, 'active'), isNull(certificates.ownerId)))
      .orderBy(asc(certificates.issuedAt), asc(certificates.serial))
      .limit(quantity)
      .for('update', { skipLocked: true });
    return this.db.update(certificates).set(to).where(inArray(certificates.id, held)).returning();
  }

  async revoke(id: string): Promise<CertificateRow | undefined> {
    const [row] = await this.db
      .update(certificates)
      .set({ status: 'revoked' })
      .where(and(eq(certificates.id, id), eq(certificates.status, 'active')))
      .returning();
    return row;
  }
}
