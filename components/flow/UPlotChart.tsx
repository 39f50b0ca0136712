import { useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One uPlot chart in a div: made when mounted or when its options or data change, destroyed when
 * unmounted. `onDrawn` fires after its first draw (the page's "Charts ready" waits for every chart);
 * `onCursor` gives the index of the point under the pointer (null when it leaves).
 */
export function UPlotChart({
  options,
  data,
  onDrawn,
  onCursor,
  plotRef,
}: {
  options: uPlot.Options;
  data: uPlot.AlignedData;
  onDrawn: () => void;
  onCursor?: (index: number | null, plot: uPlot) => void;
  plotRef?: { current: uPlot | null };
}) {
  const holder = useRef<HTMLDivElement>(null);
  // The latest callbacks, read by the chart's hooks without remaking it.
  const callbacks = useRef({ onDrawn, onCursor });
  callbacks.current = { onDrawn, onCursor };

  // Made before the browser paints, so the frame that shows the chart's box shows it drawn.
  useLayoutEffect(() => {
    const target = holder.current;
    if (!target) return;
    let drawn = false;
    const plot = new uPlot(
      {
        ...options,
        hooks: {
          ...options.hooks,
          draw: [
            ...(options.hooks?.draw ?? []),
            () => {
              if (drawn) return;
              drawn = true;
              callbacks.current.onDrawn();
            },
          ],
          setCursor: [
            (self) => {
              const index = self.cursor.idx;
              callbacks.current.onCursor?.(index === undefined ? null : index, self);
            },
          ],
        },
      },
      data,
      target,
    );
    if (plotRef) plotRef.current = plot;
    return () => {
      if (plotRef) plotRef.current = null;
      plot.destroy();
    };
  }, [options, data]);

  return <div ref={holder} class="plot" aria-hidden="true" />;
}
