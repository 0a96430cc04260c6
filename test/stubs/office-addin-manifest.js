// office-addin-mock imports office-addin-manifest, whose ESM-only dependency jest cannot load
// (TOOLCHAIN.md). The mock needs only this enum.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
