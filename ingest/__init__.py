"""The one write path: articles -> extraction -> batch writes -> speakers -> publications and
statements -> run records. The CLI (`quotewire ingest`, `quotewire reextract`) and
`POST /v1/documents` both store through here; `models/` keeps tables and read queries."""
