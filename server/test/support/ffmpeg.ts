import { execFileSync } from 'node:child_process';

/** Whether ffmpeg is installed here (CI installs it; without it, video and sound are stored as they came). */
export const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
