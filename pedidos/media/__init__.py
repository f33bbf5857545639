"""Order images: validation, storage, the uploads and the authenticated streaming."""
