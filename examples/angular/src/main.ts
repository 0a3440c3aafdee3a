import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app.component';

// Zoneless: signals drive change detection, so the app needs no zone.js.
bootstrapApplication(AppComponent, { providers: [provideZonelessChangeDetection()] }).catch(error =>
  console.error('[natter example] bootstrap failed', error),
);
