// electron-builder configuration: `npm run dist` (needs a machine that can
// fetch Electron's zip, or `electronDist` pointing at a local copy).
//
// Everything the app runs is bundled by Vite: the renderer into dist/ (fonts
// included, in dist/fonts) and the main process and preload into
// dist-electron/. No node_modules are shipped.

/** @type {import('app-builder-lib').Configuration} */
const config = {
  appId: 'cn.gov.zwgk.inspector',
  productName: '政务公开检查助手',
  copyright: 'Copyright © 政务公开检查助手',
  directories: { output: 'release', buildResources: 'build' },
  files: ['dist/**', 'dist-electron/**', 'package.json'],
  extraResources: [],
  asar: true,
  // The bundles carry every dependency: tell electron-builder not to install,
  // rebuild or copy node_modules into the package.
  beforeBuild: async () => false,
  // ASCII artifact names travel better through USB sticks, mail and OA systems.
  artifactName: 'zwgk-inspector-${version}-${os}-${arch}.${ext}',
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // The app is served from app://, never from file://.
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: '政务公开检查助手',
    installerLanguages: ['zh_CN'],
    language: '2052',
    multiLanguageInstaller: false,
    unicode: true,
    artifactName: 'zwgk-inspector-${version}-setup-${arch}.${ext}',
  },
  portable: {
    artifactName: 'zwgk-inspector-${version}-portable-${arch}.${ext}',
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64', 'arm64'] },
      { target: 'deb', arch: ['x64', 'arm64'] },
    ],
    category: 'Office',
    maintainer: '政务公开检查助手维护组 <maintainers@zwgk-inspector.invalid>',
    executableName: 'zwgk-inspector',
    synopsis: '政务公开检查评分、问题整改与文书打印的离线工具',
    description: '供政务公开检查组离线使用：现场检查评分、记录问题与证据、下发整改通知、汇总导出评分表。',
  },
  deb: {
    priority: 'optional',
  },
};

module.exports = config;
