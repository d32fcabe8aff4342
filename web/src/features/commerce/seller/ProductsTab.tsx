import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SellerProduct } from '@maum/protocol';
import { currentLanguage } from '../../../i18n';
import { ErrorMessage, ErrorState, LocalError } from '../../../ui/ErrorMessage';
import { IconClose, IconPlus } from '../../../ui/Icons';
import { formatMoney } from '../../../ui/money';
import { Spinner } from '../../../ui/Spinner';
import { useToast } from '../../../ui/Toast';
import { Picture } from '../parts';
import { useCreateProduct, useSellerProducts, useSetStock, useUpdateProduct } from './api';
import { ImagePicker, type UploadedImage } from './ImagePicker';
import { TextArea, TextField, wholeNumber } from './fields';
import { NeedsChannel } from './NeedsChannel';
import { useSeller } from './SellerLayout';

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

function ProductForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateProduct();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [images, setImages] = useState<UploadedImage[]>([]);
  const [giftable, setGiftable] = useState(false);
  const [rows, setRows] = useState<VariantRow[]>(() => [newRow()]);
  const [problem, setProblem] = useState<string | null>(null);
  const setRow = (key: number, patch: Partial<VariantRow>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setProblem(null);
    if (!name.trim()) {
      setProblem(t('commerce.seller.invalid.productName'));
      return;
    }
    const variants = rows.map((r) => ({ name: r.name.trim(), price: wholeNumber(r.price), stock: wholeNumber(r.stock) }));
    if (variants.some((v) => !v.name || v.price === null || v.price < 100 || v.stock === null)) {
      setProblem(t('commerce.seller.invalid.variants'));
      return;
    }
    create.mutate(
      {
        name: name.trim(),
        description: description.trim(),
        imageIds: images.map((i) => i.id),
        variants: variants.map((v) => ({ name: v.name, price: v.price!, stock: v.stock! })),
        giftListing: giftable ? 'delivery' : 'none',
      },
      {
        onSuccess: () => {
          toast(t('commerce.seller.productCreated'));
          setName('');
          setDescription('');
          setImages([]);
          setGiftable(false);
          setRows([newRow()]);
        },
      },
    );
  };

  return (
    <form className="store-card seller-form" onSubmit={submit} noValidate data-testid="product-form">
      <h2 className="store-card-title">{t('commerce.seller.newProduct')}</h2>
      <TextField label={t('commerce.seller.productName')} value={name} onChange={setName} maxLength={80} testId="product-name" />
      <TextArea label={t('commerce.seller.productDescription')} value={description} onChange={setDescription} maxLength={4000} testId="product-description" />
      <ImagePicker images={images} onChange={setImages} testId="product-images-input" />
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
      <label className="toggle-row">
        <input type="checkbox" checked={giftable} onChange={(e) => setGiftable(e.target.checked)} data-testid="product-giftable" />
        <span>{t('commerce.seller.giftable')}</span>
      </label>
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
            {product.giftListing === 'delivery' ? t('commerce.product.giftable') : null}
            {!product.active ? ` · ${t('commerce.seller.hidden')}` : null}
          </span>
        </span>
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
