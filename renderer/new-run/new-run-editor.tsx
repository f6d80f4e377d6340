import { useMemo, useState } from 'react';
import type { FieldInfo, PresetInfo } from '../../preload/contract';
import { invoke } from '../bridge/client';
import { initialValues, toRequest, visibleFields } from './form-model';
import { PresetDetails } from './preset-details';
import { PresetPicker } from './preset-picker';
import { RunForm } from './run-form';
import { useValidation } from './use-validation';

interface Props {
  presets: readonly PresetInfo[];
  fields: readonly FieldInfo[];
  onStarted: (runId: string) => void;
}

/** The preset list, the chosen preset's details and its form; holds the form's state. */
export function NewRunEditor({ presets, fields, onStarted }: Props) {
  const [presetName, setPresetName] = useState(presets[0]?.name ?? '');
  const preset = presets.find((p) => p.name === presetName) ?? presets[0];
  const [values, setValues] = useState<Record<string, string>>(() => (preset ? initialValues(preset.config) : {}));
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);

  const request = useMemo(() => (preset ? toRequest(preset.name, preset.config, fields, values) : null), [preset, fields, values]);
  const validation = useValidation(request);

  if (!preset || !request) return <p>The engine has no presets.</p>;

  const selectPreset = (name: string): void => {
    const next = presets.find((p) => p.name === name);
    if (!next) return;
    setPresetName(name);
    setValues(initialValues(next.config));
    setStartError(null);
  };

  const start = async (): Promise<void> => {
    setStarting(true);
    setStartError(null);
    try {
      const { runId } = await invoke('runs:start', request);
      onStarted(runId);
    } catch (e) {
      setStartError(e);
      setStarting(false);
    }
  };

  return (
    <div className="new-run">
      <PresetPicker presets={presets} selected={preset.name} onSelect={selectPreset} />
      <div className="new-run-main">
        <PresetDetails preset={preset} />
        <RunForm
          fields={visibleFields(fields, values)}
          values={values}
          request={request}
          validation={validation}
          starting={starting}
          startError={startError}
          onChange={(path, value) => setValues((v) => ({ ...v, [path]: value }))}
          onStart={() => void start()}
          onReset={() => setValues(initialValues(preset.config))}
        />
      </div>
    </div>
  );
}
