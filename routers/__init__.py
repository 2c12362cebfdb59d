"""One thin APIRouter per resource: validate, call one service, return a schema."""
