/**
 * Annotating from the editor: "Mark as Person / Organization / Place / Date", "Not an Entity",
 * "Remove Correction", "Set Speaker of Quote…", "Merge With…", "Export Annotations…" and "Open
 * Annotations File". The commands only gather the user's choice (selection, quick picks, save
 * dialog); the server decides what the span is, applies the correction and writes the sidecar
 * (`articleLens.applyCorrection`), and produces exports (`articleLens/exportAnnotations`).
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import {
  AnnotationsChangedNotification,
  AnnotationTargetsCommand,
  ApplyCorrectionCommand,
  ExportAnnotationsRequest,
  type AnnotationsChangedParams,
  type AnnotationTargets,
  type ApplyCorrectionArgs,
  type ApplyCorrectionResult,
  type ExportAnnotationsResult,
  type ExportFormatName,
  type LspRange,
} from '../../server/src/protocol';

/** Arguments the server's code actions pass to the picker commands. */
interface PickerArgs {
  uri: string;
  range: LspRange;
}

const FORMATS: Array<{ label: string; format: ExportFormatName; description: string }> = [
  { label: 'brat standoff (.ann)', format: 'brat', description: 'brat, INCEpTION' },
  { label: 'CoNLL-2003 columns, IOB2 (.conll)', format: 'conll', description: 'token per line; spaCy convert, Flair, seqeval' },
  { label: 'JSON lines (.jsonl)', format: 'jsonl', description: 'spaCy "entities", doccano "label"' },
  { label: 'Article Lens JSON (.json)', format: 'json', description: 'the gold format, scored by score.mjs' },
];

/** The active article editor, or a message saying one is needed. */
function articleEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'article') return editor;
  void vscode.window.showInformationMessage('Article Lens: open an article first.');
  return undefined;
}

export function registerAnnotations(client: LanguageClient): vscode.Disposable {
  const toLsp = (range: vscode.Range): LspRange => client.code2ProtocolConverter.asRange(range);
  const execute = <T>(command: string, args: unknown) => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [args] }) as Promise<T>;

  const apply = async (args: ApplyCorrectionArgs) => {
    try {
      const result = await execute<ApplyCorrectionResult>(ApplyCorrectionCommand, args);
      if (result.persisted) void vscode.window.setStatusBarMessage(`Article Lens: ${result.message}`, 4000);
      else void vscode.window.showWarningMessage(`Article Lens: ${result.message}`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Article Lens: ${(error as Error).message}`);
    }
  };
  /** The span of a command: the code action's, else the selection (the server widens an empty one to the mention or word). */
  const target = (args?: PickerArgs): { uri: string; range: LspRange } | undefined => {
    if (args?.uri && args.range) return args;
    const editor = articleEditor();
    return editor && { uri: editor.document.uri.toString(), range: toLsp(editor.selection) };
  };
  const targets = (where: { uri: string; range: LspRange }) => execute<AnnotationTargets>(AnnotationTargetsCommand, where);

  const mark = (label: ApplyCorrectionArgs['label']) => (args?: PickerArgs) => {
    const where = target(args);
    return where && apply({ ...where, action: 'mark', label });
  };

  const setSpeaker = async (args?: PickerArgs) => {
    const where = target(args);
    if (!where) return;
    const found = await targets(where);
    if (!found.quote) {
      void vscode.window.showInformationMessage('Article Lens: put the cursor in a quotation.');
      return;
    }
    const items: Array<vscode.QuickPickItem & { name?: string }> = found.people.map(name => ({ label: name, name, picked: found.quote!.speakers.includes(name) }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: 'Speakers of this quote',
      placeHolder: 'Pick the people who said it (none: the article does not say)',
    });
    if (!picked) return;
    await apply({ uri: where.uri, range: found.quote.range, action: 'speakers', speakers: picked.map(p => p.name!).filter(Boolean) });
  };

  const mergeWith = async (args?: PickerArgs) => {
    const where = target(args);
    if (!where) return;
    const found = await targets(where);
    if (!found.mention) {
      void vscode.window.showInformationMessage('Article Lens: put the cursor on a name.');
      return;
    }
    // A quick pick that also accepts a typed name: the entity may be named only in another article.
    const pick = vscode.window.createQuickPick();
    pick.title = `Merge "${found.mention.canonical}" with…`;
    pick.placeholder = 'The canonical name both refer to (pick, or type a name)';
    const base = found.sameType.map(label => ({ label }));
    pick.items = base;
    pick.onDidChangeValue(value => {
      pick.items = value && !found.sameType.includes(value) ? [{ label: value, description: 'new canonical name' }, ...base] : base;
    });
    const name = await new Promise<string | undefined>(resolve => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? (pick.value || undefined)));
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
    pick.dispose();
    if (name) await apply({ uri: where.uri, range: found.mention.range, action: 'merge', canonical: name });
  };

  const exportAnnotations = async () => {
    const editor = articleEditor();
    if (!editor) return;
    const choice = await vscode.window.showQuickPick(FORMATS, { title: 'Export annotations as' });
    if (!choice) return;
    try {
      const result = await client.sendRequest<ExportAnnotationsResult>(ExportAnnotationsRequest, { uri: editor.document.uri.toString(), format: choice.format });
      const folder = editor.document.uri.scheme === 'file' ? vscode.Uri.joinPath(editor.document.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
      let target: vscode.Uri | undefined;
      if (choice.format === 'brat') {
        // brat reads a folder of NAME.txt + NAME.ann pairs: export into another folder, never
        // over the article's own corrections file (its sidecar, which has the same name).
        const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: folder, openLabel: 'Export brat files here', title: 'Folder for the brat export (not the article\'s own folder)' });
        if (!picked?.[0]) return;
        if (folder && picked[0].toString() === folder.toString()) {
          void vscode.window.showErrorMessage('Article Lens: choose another folder: a brat export beside the article would replace its corrections file (.ann).');
          return;
        }
        const stem = result.fileName.replace(/\.ann$/, '');
        target = vscode.Uri.joinPath(picked[0], result.fileName);
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
        await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(picked[0], `${stem}.txt`), new TextEncoder().encode(editor.document.getText()));
        const conf = vscode.Uri.joinPath(picked[0], 'annotation.conf');
        const hasConf = await vscode.workspace.fs.stat(conf).then(() => true, () => false);
        if (!hasConf && result.annotationConf) await vscode.workspace.fs.writeFile(conf, new TextEncoder().encode(result.annotationConf));
      } else {
        target = await vscode.window.showSaveDialog({
          defaultUri: folder ? vscode.Uri.joinPath(folder, result.fileName) : undefined,
          filters: { [choice.label]: [result.fileName.split('.').pop()!] },
          saveLabel: 'Export',
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.content));
      }
      const open = await vscode.window.showInformationMessage(`Article Lens: annotations exported to ${vscode.workspace.asRelativePath(target)}`, 'Open');
      if (open) await vscode.window.showTextDocument(target);
    } catch (error) {
      void vscode.window.showErrorMessage(`Article Lens: export failed: ${(error as Error).message}`);
    }
  };

  const openSidecar = async () => {
    const editor = articleEditor();
    if (!editor || editor.document.uri.scheme !== 'file') return;
    const sidecar = editor.document.uri.with({ path: editor.document.uri.path.replace(/\.[^./]+$/, '') + '.ann' });
    try {
      await vscode.workspace.fs.stat(sidecar);
      await vscode.window.showTextDocument(sidecar, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    } catch {
      void vscode.window.showInformationMessage('Article Lens: no corrections yet for this article (no .ann file).');
    }
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('articleLens.markPerson', mark('PERSON')),
    vscode.commands.registerCommand('articleLens.markOrganization', mark('ORGANIZATION')),
    vscode.commands.registerCommand('articleLens.markPlace', mark('LOCATION')),
    vscode.commands.registerCommand('articleLens.markDate', mark('DATE')),
    vscode.commands.registerCommand('articleLens.notAnEntity', (args?: PickerArgs) => {
      const where = target(args);
      return where && apply({ ...where, action: 'reject' });
    }),
    vscode.commands.registerCommand('articleLens.removeCorrection', (args?: PickerArgs) => {
      const where = target(args);
      return where && apply({ ...where, action: 'remove' });
    }),
    vscode.commands.registerCommand('articleLens.setQuoteSpeaker', setSpeaker),
    vscode.commands.registerCommand('articleLens.mergeWith', mergeWith),
    vscode.commands.registerCommand('articleLens.exportAnnotations', exportAnnotations),
    vscode.commands.registerCommand('articleLens.openAnnotationsFile', openSidecar),
    // Views built from the analysis follow corrections made here or in another window.
    client.onNotification(AnnotationsChangedNotification, (params: AnnotationsChangedParams) => {
      if (vscode.window.activeTextEditor?.document.uri.toString() === params.uri) void vscode.commands.executeCommand('articleLens.refreshQuotations');
      void vscode.commands.executeCommand('articleLens.refreshPeople').then(undefined, () => undefined);
    }),
  );
}
