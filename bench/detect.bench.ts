import { restrictedAccuracy, unrestrictedAccuracy } from '../server/src/platform/translate/detection-accuracy';
import { detectionCorpus } from '../server/src/platform/translate/detection-corpus';
import type { Bench } from './registry';

/**
 * How often language detection names the right language on the labelled chat corpus, restricted to a room's
 * languages (ko, ja, id, en), against the same library with no candidates. Deterministic: `quick` changes nothing.
 */
export const detectBench: Bench = async () => {
  const value = restrictedAccuracy(detectionCorpus, ['ko', 'ja', 'id', 'en']).overall;
  const baseline = unrestrictedAccuracy(detectionCorpus).overall;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return [{ metric: 'accuracy_restricted', value: round(value), unit: 'ratio', baseline: round(baseline), ratio: round(value / baseline) }];
};
