import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { giftListings, type Product, type SellerProduct } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { ErrorMessage, ErrorState, LocalError } from '../../../ui/ErrorMessage';
import { IconClose, IconPlus } from '../../../ui/Icons';
import { formatMoney } from '../../../ui/money';
import { Spinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { imageIdFromUrl } from '../format';
import { Picture } from '../parts';
import { useCreateProduct, useSellerProducts, useSetStock, useUpdateProduct } from './api';
import { ImagePicker, type UploadedImage } from './ImagePicker';
import { TextArea, TextField, wholeNumber } from './fields';
import { NeedsChannel } from './NeedsChannel';
import { useSeller } from './SellerLayout';
import '../commerce.css';

export function ProductsTab() {
  const seller = useSeller();
  if (!seller.channelId) return <NeedsChannel />;
  return (
    <div className="store-console">
      <ProductForm />
      <ProductList />
    </div>
  );
}

interface VariantRow {
  key: number;
  name: string;
  price: string;
  stock: string;
}

let nextKey = 1;
const newRow = (): VariantRow => ({ key: nextKey++, name: '', price: '', stock: '' });

type GiftListing = Product['giftListing'];

interface ProductDetails {
  name: string;
  description: string;
  images: UploadedImage[];
  giftListing: GiftListing;
}

const emptyDetails: ProductDetails = { name: '', description: '', images: [], giftListing: 'none' };

/** What a product says about itself, the same when it is added and when it is edited; options go in between. */
function ProductDetailsFields({ value, onChange, testId, children }: { value: ProductDetails; onChange: (next: ProductDetails) => void; testId: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const set = (patch: Partial<ProductDetails>) => onChange({ ...value, ...patch });
  return (
    <>
      <TextField label={t('commerce.seller.productName')} value={value.name} onChange={(name) => set({ name })} maxLength={80} testId={`${testId}-name`} />
      <TextArea label={t('commerce.seller.productDescription')} value={value.description} onChange={(description) => set({ description })} maxLength={4000} testId={`${testId}-description`} />
      <ImagePicker images={value.images} onChange={(images) => set({ images })} testId={`${testId}-images-input`} />
      {children}
      <label className="field">
        <span className="field-label">{t('commerce.seller.giftListing')}</span>
        <select className="select" value={value.giftListing} onChange={(e) => set({ giftListing: e.target.value as GiftListing })} data-testid={`${testId}-gift-listing`}>
          {giftListings.map((listing) => (
            <option key={listing} value={listing}>
              {t(`commerce.seller.giftListings.${listing}`)}
            </option>
          ))}
        </select>
        <span className="field-hint">{t('commerce.seller.giftListingHint')}</span>
      </label>
    </>
  );
}

function ProductForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateProduct();
  const [details, setDetails] = useState(emptyDetails);
  const [rows, setRows] = useState<VariantRow[]>(() => [newRow()]);
  const [problem, setProblem] = useState<string | null>(null);
  const setRow = (key: number, patch: Partial<VariantRow>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setProblem(null);
    if (!details.name.trim()) {
      setProblem(t('commerce.seller.invalid.productName'));
      return;
    }
    const variants = rows.map((r) => ({ name: r.name.trim(), price: wholeNumber(r.price), stock: wholeNumber(r.stock) }));
    if (variants.some((v) => !v.name || v.price === null || v.price < 100 || v.stock === null)) {
      setProblem(t('commerce.seller.invalid.variants'));
      return;
    }
    if (details.giftListing === 'exchange' && details.images.length === 0) {
      setProblem(t('commerce.seller.invalid.couponPicture'));
      return;
    }
    create.mutate(
      {
        name: details.name.trim(),
        description: details.description.trim(),
        imageIds: details.images.map((i) => i.id),
        variants: variants.map((v) => ({ name: v.name, price: v.price!, stock: v.stock! })),
        giftListing: details.giftListing,
      },
      {
        onSuccess: () => {
          toast(t('commerce.seller.productCreated'));
          setDetails(emptyDetails);
          setRows([newRow()]);
        },
      },
    );
  };

  return (
    <form className="store-card seller-form" onSubmit={submit} noValidate data-testid="product-form">
      <h2 className="store-card-title">{t('commerce.seller.newProduct')}</h2>
      <ProductDetailsFields value={details} onChange={setDetails} testId="product">
      <fieldset className="seller-variants">
        <legend className="field-label">{t('commerce.seller.variants')}</legend>
        {rows.map((row) => (
          <div key={row.key} className="seller-row" data-testid="variant-row">
            <TextField label={t('commerce.seller.variantName')} value={row.name} onChange={(v) => setRow(row.key, { name: v })} maxLength={60} testId="variant-name" />
            <TextField label={t('commerce.seller.price')} value={row.price} onChange={(v) => setRow(row.key, { price: v })} inputMode="numeric" maxLength={11} testId="variant-price" />
            <TextField label={t('commerce.seller.stock')} value={row.stock} onChange={(v) => setRow(row.key, { stock: v })} inputMode="numeric" maxLength={7} testId="variant-stock" />
            {rows.length > 1 ? (
              <button type="button" className="icon-btn" onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))} aria-label={t('commerce.seller.removeVariant')}>
                <IconClose size={16} />
              </button>
            ) : null}
          </div>
        ))}
        {rows.length < 50 ? (
          <button type="button" className="btn btn-secondary btn-small" onClick={() => setRows((list) => [...list, newRow()])} data-testid="variant-add">
            <IconPlus size={16} />
            {t('commerce.seller.addVariant')}
          </button>
        ) : null}
      </fieldset>
      </ProductDetailsFields>
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={create.error} />
      <button type="submit" className="btn btn-primary btn-large" disabled={create.isPending} aria-busy={create.isPending} data-testid="product-create">
        {t('commerce.seller.createProduct')}
      </button>
    </form>
  );
}

function ProductList() {
  const { t } = useTranslation();
  const products = useSellerProducts();
  return (
    <section className="store-card">
      <h2 className="store-card-title">{t('commerce.seller.tabs.products')}</h2>
      {products.isPending ? (
        <Spinner size={24} label={t('common.loading')} />
      ) : products.isError ? (
        <ErrorState error={products.error} onRetry={() => void products.refetch()} />
      ) : products.data.length === 0 ? (
        <p className="muted">{t('commerce.channel.noProducts')}</p>
      ) : (
        <ul className="seller-products" data-testid="seller-products">
          {products.data.map((p) => (
            <ProductRow key={p.product.id} item={p} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ProductRow({ item }: { item: SellerProduct }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const update = useUpdateProduct();
  const [editing, setEditing] = useState(false);
  const { product, stock } = item;
  return (
    <li className="seller-product" data-testid="seller-product" data-product-name={product.name}>
      <div className="seller-product-head">
        <Picture url={product.imageUrls[0]} className="cart-line-image" />
        <span className="row-text">
          <Link to={`/products/${product.id}`} className="row-title">
            {product.name}
          </Link>
          <span className="row-subtitle">
            {[
              product.giftListing === 'delivery' ? t('commerce.product.giftable') : null,
              product.giftListing === 'exchange' ? t('commerce.seller.giftCouponListed') : null,
              !product.active ? t('commerce.seller.hidden') : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </span>
        <button type="button" className="btn btn-secondary btn-small" aria-expanded={editing} onClick={() => setEditing((on) => !on)} data-testid="product-edit">
          {t('commerce.seller.editProduct')}
        </button>
        <button
          type="button"
          className="btn btn-secondary btn-small"
          disabled={update.isPending}
          onClick={() => update.mutate({ productId: product.id, patch: { active: !product.active } })}
          data-testid="product-toggle-active"
        >
          {product.active ? t('commerce.seller.hide') : t('commerce.seller.show')}
        </button>
      </div>
      <ErrorMessage error={update.error} />
      {editing ? <ProductEditForm product={product} onDone={() => setEditing(false)} /> : null}
      <table className="stock-table">
        <thead>
          <tr>
            <th>{t('commerce.seller.variantName')}</th>
            <th>{t('commerce.seller.price')}</th>
            <th>{t('commerce.seller.onHand')}</th>
            <th>{t('commerce.seller.reserved')}</th>
            <th>{t('commerce.seller.sold')}</th>
            <th>{t('commerce.seller.available')}</th>
          </tr>
        </thead>
        <tbody>
          {stock.map((s) => (
            <tr key={s.variantId} data-testid="stock-row" data-variant-name={s.name}>
              <td>{s.name}</td>
              <td>{formatMoney(s.price, lang)}</td>
              <td>
                <StockEditor variantId={s.variantId} onHand={s.onHand} />
              </td>
              <td data-testid="stock-reserved">{s.reserved}</td>
              <td data-testid="stock-sold">{s.sold}</td>
              <td data-testid="stock-available">{s.available}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

function detailsOf(product: Product): ProductDetails {
  return {
    name: product.name,
    description: product.description,
    images: product.imageUrls.flatMap((url) => {
      const id = imageIdFromUrl(url);
      return id ? [{ id, url }] : [];
    }),
    giftListing: product.giftListing,
  };
}

/** Changes a product's name, description, pictures and gift listing; options and stock are edited in the table. */
function ProductEditForm({ product, onDone }: { product: Product; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateProduct();
  const [initial] = useState(() => detailsOf(product));
  const [details, setDetails] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    setProblem(null);
    const name = details.name.trim();
    if (!name) {
      setProblem(t('commerce.seller.invalid.productName'));
      return;
    }
    const description = details.description.trim();
    const imageIds = details.images.map((i) => i.id);
    const giftListing = details.giftListing;
    if (giftListing === 'exchange' && imageIds.length === 0) {
      setProblem(t('commerce.seller.invalid.couponPicture'));
      return;
    }
    // Only what changed is sent, so pictures the form could not read back are never dropped by an unrelated edit.
    const patch = {
      ...(name !== product.name ? { name } : {}),
      ...(description !== product.description ? { description } : {}),
      ...(imageIds.join() !== initial.images.map((i) => i.id).join() ? { imageIds } : {}),
      ...(giftListing !== product.giftListing ? { giftListing } : {}),
    };
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { productId: product.id, patch },
      {
        onSuccess: () => {
          toast(t('commerce.seller.productSaved'));
          onDone();
        },
      },
    );
  };

  return (
    <form className="seller-form seller-product-edit" onSubmit={submit} noValidate aria-label={t('commerce.seller.editProductTitle', { name: product.name })} data-testid="product-edit-form">
      <ProductDetailsFields value={details} onChange={setDetails} testId="product-edit" />
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={update.error} />
      <div className="seller-row">
        <button type="button" className="btn btn-secondary" onClick={onDone} data-testid="product-edit-cancel">
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={update.isPending} aria-busy={update.isPending} data-testid="product-edit-save">
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

function StockEditor({ variantId, onHand }: { variantId: string; onHand: number }) {
  const { t } = useTranslation();
  const setStock = useSetStock();
  const [value, setValue] = useState(String(onHand));
  const parsed = wholeNumber(value);
  const changed = parsed !== null && parsed !== onHand;
  return (
    <form
      className="stock-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) setStock.mutate({ variantId, onHand: parsed });
      }}
    >
      <input className="input input-small" value={value} onChange={(e) => setValue(e.target.value)} inputMode="numeric" aria-label={t('commerce.seller.onHand')} data-testid="stock-on-hand" />
      {changed ? (
        <button type="submit" className="btn btn-primary btn-small" disabled={setStock.isPending} data-testid="stock-save">
          {t('common.save')}
        </button>
      ) : null}
      <ErrorMessage error={setStock.error} />
    </form>
  );
}
