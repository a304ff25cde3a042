// The return documents are built in shared/returns (return-documents.ts) so exchanges, the server
// and tests build the same ones; the register's modules keep importing them from here.
export * from '../../../shared/returns/return-documents';
