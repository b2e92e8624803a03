import SwaggerParser from '@apidevtools/swagger-parser';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: object; parameters?: { name: string }[] }>>;
}

/** The OpenAPI document of the routes `register` adds, after checking that it validates. */
export async function validOpenApiDocument(
  register: (app: FastifyInstance) => Promise<unknown>,
): Promise<OpenApiDocument> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: { info: { title: 'stuurwiel', version: '1' } },
    transform: jsonSchemaTransform,
  });
  await register(app);
  await app.ready();
  const document = app.swagger() as unknown as OpenApiDocument;
  await app.close();
  await SwaggerParser.validate(structuredClone(document) as never);
  return document;
}
