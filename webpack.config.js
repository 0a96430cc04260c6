/**
 * Builds the add-in as Microsoft's React task-pane template does, for a shared runtime: one page
 * (taskpane.html) hosts the task pane, the ribbon commands and the custom functions, so all three
 * share one JavaScript context. functions.json is generated from the JSDoc of src/functions/functions.ts.
 *
 * Development serves https://localhost:3000 with office-addin-dev-certs. A production build replaces
 * every occurrence of that address in the manifest with the address the add-in is deployed at:
 *   ADDIN_PRODUCTION_URL=https://addins.example.gov.uk/lac/ npm run build
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
const urlProdDefault = "https://lac-sufficiency.example.org/";

function productionUrl() {
  const url = process.env.ADDIN_PRODUCTION_URL || urlProdDefault;
  if (!/^https:\/\/[^/]+\/(.*\/)?$/.test(url)) {
    throw new Error(
      `ADDIN_PRODUCTION_URL must be an https address ending in "/", e.g. https://addins.example.gov.uk/lac/; found "${url}"`,
    );
  }
  return url;
}

/** Escapes a literal for RegExp, so "." in the address matches only a dot. */
function literal(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function httpsOptions() {
  // Required only when serving: the certificate tools must not run during a plain build or in CI.
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const urlProd = dev ? urlDev : productionUrl();
  const functionsEntry = "./src/functions/functions.ts";

  return {
    devtool: dev ? "source-map" : false,
    entry: {
      // Self-contained, so Excel can also load it alone as the functions script.
      functions: functionsEntry,
      commands: "./src/commands/commands.ts",
      // Shares the commands bundle's runtime and modules: the ribbon and the pane talk through one
      // module instance (src/taskpane/ribbonEvents.ts).
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "commands" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              // Types are checked by `npm run typecheck`; the bundle needs ES modules for tree shaking.
              transpileOnly: true,
              compilerOptions: { module: "es2020", sourceMap: dev },
            },
          },
        },
      ],
    },
    performance: {
      // The first-load budget (300 KB gzipped) is measured by bench/cases/addin.ts, not by webpack's
      // uncompressed size hints.
      hints: false,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: functionsEntry,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "assets/support.html", to: "support.html" },
          // LAC.BENCHMARK fetches it on first use (src/functions/benchmarkData.ts), outside the bundle.
          { from: "assets/data/benchmarks-v1.json", to: "data/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(literal(urlDev), "g"), urlProd);
            },
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.join(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: env && env.WEBPACK_SERVE ? await httpsOptions() : {} },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
    },
  };
};
