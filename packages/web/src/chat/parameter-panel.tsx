import type { ParameterControls } from "@parlor/protocol";
import * as Tabs from "@radix-ui/react-tabs";
import { useId, useState } from "react";
import { ParameterControl } from "./parameter-control.js";
import type { ParameterValues } from "./parameter-values.js";

/** The bot's parameter controls in a panel that opens and closes above the composer. */
export function ParameterPanel({
  controls,
  values,
  onChange,
}: {
  controls: ParameterControls;
  values: ParameterValues;
  onChange: (name: string, value: string | number | boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="border-b border-line">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="flex w-full items-center gap-1 px-3 py-1.5 text-left text-xs font-medium text-muted hover:text-ink"
      >
        <span aria-hidden="true">{open ? "▾" : "▸"}</span> Options
      </button>
      {open && (
        <div id={panelId} className="flex max-h-72 flex-col gap-4 overflow-y-auto px-3 pb-3">
          {controls.sections.map((section, sectionIndex) => (
            <section key={sectionIndex} className="flex flex-col gap-3">
              {section.name && <h3 className="text-sm font-semibold">{section.name}</h3>}
              {section.controls?.map((control, index) => (
                <ParameterControl
                  key={index}
                  control={control}
                  values={values}
                  onChange={onChange}
                />
              ))}
              {section.tabs && section.tabs.length > 0 && (
                <Tabs.Root defaultValue="0">
                  <Tabs.List className="mb-3 flex gap-1 border-b border-line">
                    {section.tabs.map((tab, index) => (
                      <Tabs.Trigger
                        key={index}
                        value={String(index)}
                        className="px-3 py-1.5 text-sm data-[state=active]:border-b-2 data-[state=active]:border-accent data-[state=active]:font-medium"
                      >
                        {tab.name}
                      </Tabs.Trigger>
                    ))}
                  </Tabs.List>
                  {section.tabs.map((tab, index) => (
                    <Tabs.Content key={index} value={String(index)} className="flex flex-col gap-3">
                      {tab.controls.map((control, controlIndex) => (
                        <ParameterControl
                          key={controlIndex}
                          control={control}
                          values={values}
                          onChange={onChange}
                        />
                      ))}
                    </Tabs.Content>
                  ))}
                </Tabs.Root>
              )}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
