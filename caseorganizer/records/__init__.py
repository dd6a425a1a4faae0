"""Record files: recognising what they are; later, text extraction in an isolated worker. No Qt."""
