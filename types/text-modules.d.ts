// Stylesheets and minified scripts are bundled as text modules (see the rules in wrangler.toml).
declare module '*.css' {
  const text: string;
  export default text;
}
declare module '*.min.js' {
  const text: string;
  export default text;
}
