import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "../ui/button.js";
import type { ChatRow } from "./message-tree.js";

/** How near the bottom (px) still counts as "at the latest", so a reply keeps being followed. */
const STICK_DISTANCE = 80;

/**
 * The conversation as a log that renders only the rows on screen (measured as they render, so
 * long conversations stay fast). It follows the newest text until the person scrolls up, then
 * offers "Jump to latest".
 */
export function MessageList({
  rows,
  renderRow,
  label,
}: {
  rows: ChatRow[];
  renderRow: (row: ChatRow, index: number) => ReactNode;
  label: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [awayFromLatest, setAwayFromLatest] = useState(false);
  // The virtualizer is mutable by design; this component re-renders on each of its changes.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 96,
    overscan: 8,
    // Following a reply scrolls ten times a second; at the default 150 ms the "is scrolling"
    // flag flipped between those scrolls, and each flip re-rendered the list.
    isScrollingResetDelay: 1000,
    getItemKey: (index) => rows[index]?.key ?? index,
  });
  const totalSize = virtualizer.getTotalSize();

  const toLatest = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    if (rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: "end" });
    element.scrollTop = element.scrollHeight;
  }, [rows.length, virtualizer]);

  // A conversation opened or a row added: the newest row may not be rendered yet.
  useLayoutEffect(() => {
    if (stick.current) toLatest();
  }, [toLatest]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => {
      const distance = element.scrollHeight - element.scrollTop - element.clientHeight;
      const atLatest = distance < STICK_DISTANCE;
      // Only on a change: each scroll that follows a reply would otherwise schedule a render.
      if (atLatest !== stick.current) setAwayFromLatest(!atLatest);
      stick.current = atLatest;
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    // Follow the latest when the log grows (a streamed reply) or the list shrinks (the composer
    // grows). A ResizeObserver runs after layout, so reading scrollHeight here forces none; doing
    // it in an effect on every streamed frame forced a layout per frame.
    const resizes = new ResizeObserver(() => {
      if (stick.current) element.scrollTop = element.scrollHeight;
    });
    resizes.observe(element);
    if (log.current) resizes.observe(log.current);
    return () => {
      element.removeEventListener("scroll", onScroll);
      resizes.disconnect();
    };
  }, []);

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scroller} className="h-full overflow-y-auto" tabIndex={-1}>
        <div
          ref={log}
          role="log"
          aria-label={label}
          aria-live="polite"
          aria-relevant="additions text"
          className="relative mx-auto w-full max-w-3xl"
          style={{ height: totalSize }}
        >
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute inset-x-0 top-0 px-4 py-3"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {renderRow(rows[item.index]!, item.index)}
            </div>
          ))}
        </div>
      </div>
      {awayFromLatest && (
        <Button
          variant="secondary"
          size="sm"
          className="absolute bottom-3 left-1/2 -translate-x-1/2 rounded-full shadow-md"
          onClick={() => {
            stick.current = true;
            setAwayFromLatest(false);
            toLatest();
          }}
        >
          Jump to latest ↓
        </Button>
      )}
    </div>
  );
}
