import { Route, Routes } from 'react-router-dom';
import { SchemeEditorPage } from './SchemeEditor';
import { SchemeList } from './SchemeList';
import { SchemeViewPage } from './SchemeView';
import './schemes.css';

/** 考核方案: list (/schemes), read-only view (/schemes/view/:id), editor (/schemes/edit/:id). */
export default function SchemesPage() {
  return (
    <Routes>
      <Route index element={<SchemeList />} />
      <Route path="view/:id" element={<SchemeViewPage />} />
      <Route path="edit/:id" element={<SchemeEditorPage />} />
    </Routes>
  );
}
