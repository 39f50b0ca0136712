import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import { type Announcement, announce } from '@/lib/jobs/jobStatus';

/**
 * What the live regions say about the jobs: each change announced once. Jobs as first read are
 * the baseline, so opening the popup does not repeat what happened before.
 */
export function useAnnouncements(jobs: readonly ExportJob[] | undefined): Announcement {
  const previous = useRef<readonly ExportJob[] | undefined>(undefined);
  const [said, setSaid] = useState<Announcement>({ polite: [], alert: [] });
  useEffect(() => {
    if (jobs === undefined) return;
    const before = previous.current;
    previous.current = jobs;
    if (before === undefined) return;
    const next = announce(before, jobs, Date.now());
    if (next.polite.length === 0 && next.alert.length === 0) return;
    // A failure stays in the alert region until something else happens.
    setSaid((old) => ({
      polite: next.polite.length > 0 ? next.polite : old.polite,
      alert: next.alert,
    }));
  }, [jobs]);
  return said;
}
