// Bundles the client into src/Web/wwwroot (git-ignored), which the app serves. Run by src/Web's
// MSBuild target when a source changed; `npm run build` type-checks first.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.env.CLIENT_OUT ?? join(here, "..", "Web", "wwwroot");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(join(here, "public"), out, { recursive: true });

await build({
  entryPoints: [join(here, "src", "main.ts"), join(here, "src", "app.css")],
  outdir: out,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: "linked",
  logLevel: "warning",
});
