import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { IconClose } from '../../../ui/Icons';
import { Spinner } from '../../../ui/Spinner';
import { useUploadImage } from './api';
import '../commerce.css';

export interface UploadedImage {
  id: string;
  url: string;
}

/** Pictures for a post or product: each is uploaded as it is picked, and the form sends their ids. */
export function ImagePicker({ images, onChange, max = 10, testId }: { images: UploadedImage[]; onChange: (next: UploadedImage[]) => void; max?: number; testId?: string }) {
  const { t } = useTranslation();
  const uploadImage = useUploadImage();
  const pick = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []).slice(0, max - images.length);
    event.target.value = '';
    let next = images;
    for (const file of files) {
      try {
        const uploaded = await uploadImage.mutateAsync(file);
        next = [...next, uploaded];
        onChange(next);
      } catch {
        // Shown from the mutation's error.
        break;
      }
    }
  };
  return (
    <div className="image-picker">
      <ul className="image-picker-list">
        {images.map((image) => (
          <li key={image.id} className="image-picker-item">
            <img src={image.url} alt="" />
            <button type="button" className="icon-btn image-picker-remove" onClick={() => onChange(images.filter((i) => i.id !== image.id))} aria-label={t('commerce.seller.removeImage')}>
              <IconClose size={14} />
            </button>
          </li>
        ))}
        {images.length < max ? (
          <li>
            <label className="image-picker-add">
              {uploadImage.isPending ? <Spinner size={20} label={t('chat.uploading')} /> : t('commerce.seller.addImages')}
              <input type="file" accept="image/*" multiple className="sr-only" onChange={(e) => void pick(e)} data-testid={testId} />
            </label>
          </li>
        ) : null}
      </ul>
      <ErrorMessage error={uploadImage.error} />
    </div>
  );
}
