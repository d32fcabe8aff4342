import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, LocalError } from '../../../ui/ErrorMessage';
import { useToast } from '../../../ui/Toast';
import { localDateTimeValue } from '../../gifts';
import { useChannelHome } from '../api';
import { PostCard } from '../channels/PostCard';
import { isoFromLocal } from '../format';
import { usePublish, useSellerProducts } from './api';
import { ImagePicker, type UploadedImage } from './ImagePicker';
import { DateRangeFields, TextArea } from './fields';
import { NeedsChannel } from './NeedsChannel';
import { useSeller } from './SellerLayout';
import '../commerce.css';

export function PostsTab() {
  const seller = useSeller();
  if (!seller.channelId) return <NeedsChannel />;
  return (
    <div className="store-console">
      <PostForm channelId={seller.channelId} />
      <PostList channelId={seller.channelId} />
    </div>
  );
}

const HOUR = 3600_000;

function PostForm({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const publish = usePublish(channelId);
  const products = useSellerProducts();
  const [text, setText] = useState('');
  const [images, setImages] = useState<UploadedImage[]>([]);
  const [withDeal, setWithDeal] = useState(false);
  const [productIds, setProductIds] = useState<string[]>([]);
  const [startsAt, setStartsAt] = useState(() => localDateTimeValue(new Date()));
  const [endsAt, setEndsAt] = useState(() => localDateTimeValue(new Date(Date.now() + 7 * 24 * HOUR)));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (publish.isPending) return;
    setProblem(null);
    if (!text.trim()) {
      setProblem(t('commerce.seller.postTextMissing'));
      return;
    }
    let deal: { productIds: string[]; startsAt: string; endsAt: string } | undefined;
    if (withDeal) {
      const from = isoFromLocal(startsAt);
      const to = isoFromLocal(endsAt);
      if (productIds.length === 0) {
        setProblem(t('commerce.seller.dealNoProducts'));
        return;
      }
      if (!from || !to || to <= from) {
        setProblem(t('commerce.seller.windowInvalid'));
        return;
      }
      deal = { productIds, startsAt: from, endsAt: to };
    }
    publish.mutate(
      { text: text.trim(), imageIds: images.map((i) => i.id), ...(deal ? { deal } : {}) },
      {
        onSuccess: () => {
          toast(t('commerce.seller.postPublished'));
          setText('');
          setImages([]);
          setWithDeal(false);
          setProductIds([]);
        },
      },
    );
  };

  return (
    <form className="store-card seller-form" onSubmit={submit} noValidate data-testid="post-form">
      <h2 className="store-card-title">{t('commerce.seller.newPost')}</h2>
      <TextArea label={t('commerce.seller.postText')} value={text} onChange={setText} maxLength={2000} testId="post-text" />
      <ImagePicker images={images} onChange={setImages} testId="post-images" />
      <label className="toggle-row">
        <input type="checkbox" checked={withDeal} onChange={(e) => setWithDeal(e.target.checked)} data-testid="post-deal" />
        <span>{t('commerce.seller.withDeal')}</span>
      </label>
      {withDeal ? (
        <>
          <fieldset className="seller-pick-products">
            <legend className="field-label">{t('commerce.seller.dealProducts')}</legend>
            {(products.data ?? []).map(({ product }) => (
              <label key={product.id} className="toggle-row">
                <input
                  type="checkbox"
                  checked={productIds.includes(product.id)}
                  onChange={(e) => setProductIds((ids) => (e.target.checked ? [...ids, product.id].slice(0, 10) : ids.filter((id) => id !== product.id)))}
                  data-testid="deal-product"
                  data-product-name={product.name}
                />
                <span>{product.name}</span>
              </label>
            ))}
          </fieldset>
          <DateRangeFields startsAt={startsAt} endsAt={endsAt} onStartsAt={setStartsAt} onEndsAt={setEndsAt} testId="deal" />
        </>
      ) : null}
      {problem ? <LocalError text={problem} /> : null}
      <ErrorMessage error={publish.error} />
      <button type="submit" className="btn btn-primary btn-large" disabled={publish.isPending} aria-busy={publish.isPending} data-testid="post-publish">
        {t('commerce.seller.publish')}
      </button>
    </form>
  );
}

function PostList({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const home = useChannelHome(channelId);
  const posts = home.data?.posts ?? [];
  return (
    <section className="store-card">
      <h2 className="store-card-title">{t('commerce.channel.posts')}</h2>
      {posts.length === 0 ? <p className="muted">{t('commerce.channel.noPosts')}</p> : posts.map((post) => <PostCard key={post.id} post={post} />)}
    </section>
  );
}
