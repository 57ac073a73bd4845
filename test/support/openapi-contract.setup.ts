import { assertResponsesMatchDocument } from './openapi-contract';

// After each test: every response the test's apps sent must agree with the OpenAPI document.
afterEach(() => assertResponsesMatchDocument());
