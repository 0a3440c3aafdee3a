/**
 * IndexedDB for specs (fake-indexeddb). Its `auto` entry puts it on `window`, which in Stencil's
 * jest environment is the mock document's window, not the global scope `idb` reads.
 */
import indexedDB, * as fake from 'fake-indexeddb';

Object.assign(globalThis, {
  indexedDB,
  IDBCursor: fake.IDBCursor,
  IDBCursorWithValue: fake.IDBCursorWithValue,
  IDBDatabase: fake.IDBDatabase,
  IDBFactory: fake.IDBFactory,
  IDBIndex: fake.IDBIndex,
  IDBKeyRange: fake.IDBKeyRange,
  IDBObjectStore: fake.IDBObjectStore,
  IDBOpenDBRequest: fake.IDBOpenDBRequest,
  IDBRequest: fake.IDBRequest,
  IDBTransaction: fake.IDBTransaction,
  IDBVersionChangeEvent: fake.IDBVersionChangeEvent,
});
