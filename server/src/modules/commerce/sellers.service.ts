import type { Seller, SellerKind, SellerStatus } from '@maum/protocol';
import { requireOperator, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import type { AccountsDirectory } from '../accounts';
import type { ChannelsRepository } from './channels.repository';
import type { ProductsService } from './products.service';
import type { SellerRow, SellersRepository } from './sellers.repository';

/**
 * Who may act for a seller: its owner and staff. Every seller-side method of the commerce services starts here.
 * A pending, rejected or suspended seller's staff can read what they have but not sell.
 */
export class SellerGate {
  constructor(private readonly repo: SellersRepository) {}

  async staff(actor: Actor): Promise<{ user: UserActor; seller: SellerRow }> {
    const user = requireUser(actor);
    const seller = await this.repo.sellerOfStaff(user.userId);
    if (!seller) throw new AppError('forbidden', 'You are not a seller. Apply in the seller console first.');
    return { user, seller };
  }

  async approvedStaff(actor: Actor): Promise<{ user: UserActor; seller: SellerRow }> {
    const found = await this.staff(actor);
    assertSelling(found.seller);
    return found;
  }
}

/** Refuses anything that sells when the seller may not sell now. */
export function assertSelling(seller: SellerRow): void {
  if (seller.status === 'suspended') throw new AppError('seller_suspended', `This seller is suspended: ${seller.reason ?? 'ask the operator why'}.`);
  if (seller.status !== 'approved') throw new AppError('seller_not_approved', 'The seller application has not been approved yet.');
}

/**
 * Seller applications and their review. Brands and small businesses apply with the same form and, once approved,
 * get the same options and the same fee: none.
 */
export class SellersService {
  constructor(
    private readonly deps: {
      repo: SellersRepository;
      channels: ChannelsRepository;
      gate: SellerGate;
      people: AccountsDirectory;
      /** A seller's exchange products are in the gift shop only while it may sell, redeemed by all its staff. */
      products: Pick<ProductsService, 'syncSellerGiftShop'>;
      clock: Clock;
    },
  ) {}

  async apply(
    actor: Actor,
    input: { kind: SellerKind; businessName: string; registrationNumber: string; contactEmail: string; contactPhone: string },
  ): Promise<Seller> {
    const user = requireUser(actor);
    const now = this.deps.clock.now();
    const id = newId('slr');
    const created = await this.deps.repo.insertSeller({ id, ownerId: user.userId, status: 'pending', reason: null, createdAt: now, ...input });
    if (created) {
      await this.deps.repo.addStaff(id, user.userId, now);
      return this.present(created);
    }
    // One seller per account: a rejected application may be sent again, with new details.
    const existing = (await this.deps.repo.sellerOfOwner(user.userId))!;
    if (existing.status !== 'rejected') throw new AppError('already_applied', 'You have already applied to sell.');
    const again = await this.deps.repo.review(existing.id, ['rejected'], { status: 'pending', reason: null, reviewedAt: now, reviewedBy: null });
    if (!again) throw new AppError('already_applied', 'You have already applied to sell.');
    return this.present(again);
  }

  async mine(actor: Actor): Promise<Seller | null> {
    const user = requireUser(actor);
    const seller = await this.deps.repo.sellerOfStaff(user.userId);
    return seller ? this.present(seller) : null;
  }

  async addStaff(actor: Actor, handle: string): Promise<void> {
    const { user, seller } = await this.deps.gate.approvedStaff(actor);
    if (seller.ownerId !== user.userId) throw new AppError('forbidden', 'Only the seller’s owner adds staff.');
    const userId = await this.deps.people.idOfHandle(handle);
    if (!userId) throw new AppError('not_found', `No account is called @${handle}.`);
    const theirs = await this.deps.repo.sellerOfStaff(userId);
    if (theirs && theirs.id !== seller.id) throw new AppError('handle_taken', `@${handle} already works for another seller.`);
    await this.deps.repo.addStaff(seller.id, userId, this.deps.clock.now());
    // New staff redeem the seller's gift-shop coupons at its store too.
    await this.deps.products.syncSellerGiftShop(seller.id);
  }

  async queue(actor: Actor, status: SellerStatus | undefined): Promise<Seller[]> {
    requireOperator(actor);
    return this.presentMany(await this.deps.repo.listSellers(status, 200));
  }

  async approve(actor: Actor, sellerId: string): Promise<Seller> {
    return this.review(actor, sellerId, ['pending', 'suspended'], 'approved', null);
  }

  async reject(actor: Actor, sellerId: string, reason: string): Promise<Seller> {
    return this.review(actor, sellerId, ['pending'], 'rejected', reason);
  }

  async suspend(actor: Actor, sellerId: string, reason: string): Promise<Seller> {
    return this.review(actor, sellerId, ['approved'], 'suspended', reason);
  }

  private async review(actor: Actor, sellerId: string, from: SellerStatus[], to: SellerStatus, reason: string | null): Promise<Seller> {
    const operator = requireOperator(actor);
    const row = await this.deps.repo.review(sellerId, from, { status: to, reason, reviewedAt: this.deps.clock.now(), reviewedBy: operator.userId });
    if (!row) {
      const seller = await this.deps.repo.findSeller(sellerId);
      if (!seller) throw new AppError('not_found', 'No such seller.');
      throw new AppError('too_late', `This seller is ${seller.status}; it cannot be ${to} now.`);
    }
    await this.deps.products.syncSellerGiftShop(row.id);
    return this.present(row);
  }

  private async present(row: SellerRow): Promise<Seller> {
    return (await this.presentMany([row]))[0]!;
  }

  /** Sellers with their owners and channels, read in one query each however many there are. */
  private async presentMany(rows: SellerRow[]): Promise<Seller[]> {
    const [owners, channels] = await Promise.all([
      this.deps.people.profiles([...new Set(rows.map((r) => r.ownerId))]),
      this.deps.channels.channelsOfSellers(rows.map((r) => r.id)),
    ]);
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      businessName: row.businessName,
      registrationNumber: row.registrationNumber,
      contactEmail: row.contactEmail,
      contactPhone: row.contactPhone,
      status: row.status,
      reason: row.reason,
      owner: owners.get(row.ownerId)!,
      channelId: channels.find((c) => c.sellerId === row.id)?.id ?? null,
      createdAt: row.createdAt.toISOString(),
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
    }));
  }
}
