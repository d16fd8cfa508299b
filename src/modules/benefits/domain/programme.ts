// A benefit programme (給付事業) is configuration plus one rule function: an id, its names, a rule set that carries
// its version, and `rule(input, rules)` that decides one person. The next programme is another defineProgramme
// call; a changed rule is reviseProgramme with a new version, which a dry run compares before it is activated.

/** The ja/en lines that say how an amount was reached, for the letter (算定の内訳). */
export interface Explanation {
  readonly ja: readonly string[];
  readonly en: readonly string[];
}

/** Why a person gets nothing, as data: a code the ledger stores and the words the letter prints. */
export interface Exclusion<Code extends string = string> {
  readonly code: Code;
  readonly ja: string;
  readonly en: string;
}

/** What every rule function answers; programmes add their own details (counts, shortfalls, ...). */
export interface Decision {
  /** The version of the rules this was computed with; the ledger and every notice record it. */
  readonly ruleVersion: string;
  readonly eligible: boolean;
  /** Yen to pay; 0 when not eligible. */
  readonly amount: number;
  readonly exclusion: Exclusion | null;
  readonly explanation: Explanation;
}

/** A programme's parameters; a change to any of them is a new version. */
export interface RuleSet {
  readonly version: string;
}

/** One programme at one rule version. */
export interface Programme<Input, Rules extends RuleSet, D extends Decision> {
  readonly id: string;
  readonly names: { readonly ja: string; readonly en: string };
  readonly rules: Rules;
  readonly rule: (input: Input, rules: Rules) => D;
  readonly ruleVersion: string;
  /** Decides one person under this programme's rules. */
  decide(input: Input): D;
}

/** What defineProgramme needs: the configuration and the one rule function. */
export type ProgrammeConfig<Input, Rules extends RuleSet, D extends Decision> = Pick<Programme<Input, Rules, D>, 'id' | 'names' | 'rules' | 'rule'>;

/** Builds a programme whose decisions always carry its rule version. */
export function defineProgramme<Input, Rules extends RuleSet, D extends Decision>(config: ProgrammeConfig<Input, Rules, D>): Programme<Input, Rules, D> {
  if (!config.id || !config.rules.version) throw new RangeError('a programme needs an id and a rule version');
  const { id, names, rules, rule } = config;
  return {
    id, names, rules, rule, ruleVersion: rules.version,
    decide(input) {
      const decision = rule(input, rules);
      if (decision.ruleVersion !== rules.version) throw new Error(`${id}: the rule answered version ${decision.ruleVersion}, not ${rules.version}`);
      return decision;
    },
  };
}

/** The same programme with changed rules (and optionally a changed rule function); the version must change too. */
export function reviseProgramme<Input, Rules extends RuleSet, D extends Decision>(
  programme: Programme<Input, Rules, D>,
  change: { readonly rules: Rules; readonly rule?: (input: Input, rules: Rules) => D },
): Programme<Input, Rules, D> {
  if (change.rules.version === programme.ruleVersion) throw new RangeError(`${programme.id}: a revised rule needs a new version, ${programme.ruleVersion} is taken`);
  return defineProgramme({ id: programme.id, names: programme.names, rules: change.rules, rule: change.rule ?? programme.rule });
}
