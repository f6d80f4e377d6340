import type { PresetInfo } from '../../preload/contract';

interface Props {
  presets: readonly PresetInfo[];
  selected: string;
  onSelect: (name: string) => void;
}

/** The built-in presets as radio cards: title and the preset's name for the CLI (the paper is in the details). */
export function PresetPicker({ presets, selected, onSelect }: Props) {
  return (
    <fieldset className="preset-picker">
      <legend>Preset</legend>
      <div className="preset-list">
        {presets.map((p) => (
          <label key={p.name} className={`preset-card${p.name === selected ? ' preset-card-selected' : ''}`} data-testid={`preset-${p.name}`}>
            <input type="radio" name="preset" value={p.name} checked={p.name === selected} onChange={() => onSelect(p.name)} />
            <span className="preset-title">{p.title}</span>
            <span className="preset-name mono">{p.name}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
