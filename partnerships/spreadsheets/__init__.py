"""The register as a spreadsheet, by job: its columns, the exports, reading an uploaded file,
checking its rows, and the import services."""
