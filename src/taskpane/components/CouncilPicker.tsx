import {
  Button,
  Caption1,
  Combobox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Option,
  Subtitle2,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { AreaRef } from "../../core/benchmarks";
import type { Sourced } from "../../workbook/assumptions";
import type { ProposedCouncil } from "../../workbook/published";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  clear: { alignSelf: "flex-start" },
});

export const CHOSEN_IN_PANEL = "chosen in the panel";

export interface CouncilPickerProps {
  council: Sourced<string | null> | undefined;
  /** Every council of today, by name; null while the published data loads or when it could not be read. */
  councils: readonly AreaRef[] | null;
  /** Why the list could not be loaded. */
  loadError: string | null;
  /** A council a sheet's title names, offered when none is chosen. */
  proposal: ProposedCouncil | null;
  onChange: (council: Sourced<string | null>) => void;
}

/** Whether a council is found by what was typed: a part of its name, its E-code or its LA number. */
export function councilMatches(council: AreaRef, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === "") return true;
  return (
    council.name.toLowerCase().includes(q) ||
    council.code.toLowerCase().startsWith(q) ||
    (council.old ?? "").startsWith(q)
  );
}

/**
 * The council whose published figures are set beside the workbook's own: a searchable list by name,
 * E-code or LA number, kept with the panel's settings and on the Assumptions sheet. A council a sheet
 * title names is offered ("Is this Sefton?"), never chosen without the user.
 */
export function CouncilPicker({ council, councils, loadError, proposal, onChange }: CouncilPickerProps) {
  const styles = useStyles();
  const chosen = council?.value ?? null;
  const [query, setQuery] = useState(chosen ?? "");
  const shown = useMemo(() => (councils ?? []).filter((c) => councilMatches(c, query)), [councils, query]);
  const choose = (name: string | null) => {
    setQuery(name ?? "");
    onChange({ value: name, source: name === null ? "not chosen" : CHOSEN_IN_PANEL });
  };

  return (
    <section className={styles.section} aria-labelledby="council-heading">
      <Subtitle2 as="h3" id="council-heading">
        Your council
      </Subtitle2>
      <Caption1>
        Its published figures (DfE, under the Open Government Licence) are set beside yours: a Benchmarks sheet with its
        statistical neighbours, region and England, and the published rows of the care sheets.
      </Caption1>
      {proposal && chosen === null ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            Is this {proposal.council.name}? The title &quot;{proposal.title}&quot; ({proposal.where}) names it.
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => choose(proposal.council.name)}>
              Use {proposal.council.name}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {loadError ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            The list of councils could not be loaded ({loadError}). The workbook is built without published figures.
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Field
          label="Council"
          hint={
            chosen
              ? `Chosen: ${chosen} (${council?.source ?? ""}).`
              : "Search by name, E-code (E08000014) or LA number (343)."
          }
        >
          <Combobox
            freeform
            placeholder={councils ? "Type to search" : "Loading the councils…"}
            disabled={!councils}
            value={query}
            selectedOptions={chosen ? [chosen] : []}
            onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
            onOptionSelect={(_, data) => {
              if (data.optionValue) choose(data.optionValue);
            }}
          >
            {shown.map((c) => (
              <Option key={c.code} value={c.name} text={c.name}>
                {`${c.name} (${c.code}${c.old ? `, ${c.old}` : ""})`}
              </Option>
            ))}
          </Combobox>
        </Field>
      )}
      {chosen ? (
        <Button className={styles.clear} size="small" onClick={() => choose(null)}>
          No council: leave out the published figures
        </Button>
      ) : null}
    </section>
  );
}
