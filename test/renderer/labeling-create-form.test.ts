import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { PresetInfo } from '../../preload/contract';
import { FAMILIES, FAMILY_SPECS } from '../../engine';
import { commandPending, createCommand, createRequest, defaultCreateForm, labelFamilies, labelPresets, shellQuote, validateCreateForm, withPreset } from '../../renderer/labeling/create-form';
import { CONFIG_FIELD_INFOS } from './config-fields';

/** The families as the form gets them from `config:fields`. */
const families = labelFamilies(CONFIG_FIELD_INFOS);
const filled = { ...defaultCreateForm(families, 'Ada'), name: 'first pass', dim: '3', generations: '5', candidates: '200' };

function preset(name: string, family: string, dim: number): PresetInfo {
  return { name, title: name, source: '', theory: '', config: { model: { family, dim } } as PresetInfo['config'] };
}

describe('the New label set form', () => {
  it('offers the families the engine says can be labelled, starting at the default family', () => {
    expect(families.names).toEqual(FAMILIES.filter((f) => FAMILY_SPECS[f].labelable));
    expect(families.names).not.toContain('linear-regression');
    expect(families.initial).toBe('gaussian');
    expect(() => labelFamilies(CONFIG_FIELD_INFOS.filter((f) => f.path !== 'model.family'))).toThrow(/no family/);
  });

  it('turns into a human labels:create request with the settings as overrides', () => {
    expect(createRequest({ ...filled, name: '  first pass ', labeler: ' Ada ' })).toEqual({
      kind: 'human',
      name: 'first pass',
      labeler: 'Ada',
      request: {
        preset: 'filter-constant-n',
        overrides: ['model.family=gaussian', 'model.dim=3', 'filter.labels.generations=5', 'filter.labels.candidates=200', 'filter.labels.contamination=0.3'],
      },
    });
  });

  it('says what is wrong next to each field', () => {
    expect(validateCreateForm(filled)).toEqual({});
    const errors = validateCreateForm({ ...filled, name: ' ', labeler: '', dim: '0', generations: '2.5', candidates: '1', contamination: '1' });
    expect(errors).toEqual({
      name: 'give the label set a name',
      labeler: 'say who labels (saved with every label)',
      dim: 'expected an integer from 1 to 512, got 0',
      generations: 'expected an integer from 1 to 1000, got 2.5',
      candidates: 'expected an integer from 2 to 20000, got 1',
      contamination: 'expected a number from 0 to 0.99, got 1',
    });
    expect(validateCreateForm({ ...filled, candidates: '' }).candidates).toBe('expected an integer from 2 to 20000, got nothing');
  });

  it('offers the presets whose family has candidates to label, and takes a preset’s family and d', () => {
    const presets = [preset('xu-fixed-n', 'gaussian', 2), preset('ridge-collapse', 'linear-regression', 50), preset('counts', 'poisson', 4)];
    expect(labelPresets(presets, families).map((p) => p.name)).toEqual(['xu-fixed-n', 'counts']);
    expect(withPreset(filled, presets[2], families)).toMatchObject({ preset: 'counts', family: 'poisson', dim: '4', generations: '5', candidates: '200' });
  });

  it('shows no command until the form makes a valid one, and says what to fill in', () => {
    // The old hint: `--labeler ''`, which the CLI refuses (exit 2).
    const blank = defaultCreateForm(families, '');
    expect(createCommand(blank)).toBeNull();
    expect(commandPending(blank)).toBe('Fill in Name and Labeller to see the same as a terminal command.');
    expect(createCommand({ ...filled, labeler: '   ' })).toBeNull();
    expect(commandPending({ ...filled, labeler: '   ' })).toBe('Fill in Labeller to see the same as a terminal command.');
    expect(createCommand({ ...filled, candidates: '1' })).toBeNull();
    expect(commandPending({ ...filled, name: '', labeler: '', dim: 'x' })).toBe('Fill in Name, Labeller and Dimension d to see the same as a terminal command.');
    expect(createCommand(filled)).not.toBeNull();
  });

  it('quotes every value for a POSIX shell, whatever was typed', () => {
    expect(shellQuote('Ada')).toBe('Ada');
    expect(shellQuote('model.dim=3')).toBe('model.dim=3');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    for (const nasty of ['$(rm -rf ~)', '`id`', 'a;b', 'x && y', '"q"', '*', '~', 'a\\b', '!hist', '{a,b}', '#c']) {
      expect(shellQuote(nasty)).toBe(`'${nasty}'`);
    }
  });

  it('quoted words reach a real shell unchanged', () => {
    const words = ["Ada's pass", '$(echo no)', '`echo no`', 'a;b', '"q"', '*', '~', 'a\\b', '!x', ' padded ', 'ümlaut ✓', "''", '-dash'];
    const out = execFileSync('sh', ['-c', `printf '%s\\n' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
    expect(out.split('\n').slice(0, -1)).toEqual(words);
  });

  it('writes a value that starts with "-" as --option=VALUE, so the CLI cannot take it for an option', () => {
    const cmd = createCommand({ ...filled, name: '--json', labeler: '-x' })!;
    expect(cmd).toContain("--labeler=-x --name=--json --preset filter-constant-n");
  });

  it('shows the same request as a command line, quoting what needs it', () => {
    expect(createCommand({ ...filled, name: "Ada's pass" })).toBe(
      "npm run cli -- label --labeler Ada --name 'Ada'\\''s pass' --preset filter-constant-n --set model.family=gaussian --set model.dim=3 --set filter.labels.generations=5 --set filter.labels.candidates=200 --set filter.labels.contamination=0.3",
    );
  });
});
