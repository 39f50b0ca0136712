import { render } from 'preact';
import { RecipeEditor } from '@/components/recipes/RecipeEditor';
import { savedPresetStore } from '@/components/recipes/savedPresetStore';
import { readEditorTarget } from '@/lib/recipes/editorUrl';
import '@/components/theme.css';

/** The "Columns and filters" page, opened from the popup in a tab (too big for the popup). */
const root = document.getElementById('app');
if (root) {
  render(
    <RecipeEditor store={savedPresetStore} target={readEditorTarget(location.search)} />,
    root,
  );
}
