import { z } from 'zod';
//z.config({ jitless: true });
import { parseEvent } from '../lib/circle/events';
import { capRichText } from '../lib/circle/rich-text';
const p = (i:number) => ({ event: 'newMessage', id: 60000000+i, chat_room_uuid: 'room-'+(i%50), created_at: new Date().toISOString(), sent_at: new Date().toISOString(), creation_uuid: 'b'+i,
 body: `Burst message ${i}: the slides are up`, rich_text_body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Burst message ${i}: the slides are up` }] }] },
 sender: { id: 5, community_member_id: 2401, name: 'Ada Lovelace', avatar_url: 'data:image/svg+xml;base64,'+'A'.repeat(600), user_public_uid: 'abc' }, parent_message_id: null, chat_thread_id: null, replies_count: 0, chat_thread_replies_count: 0, edited_at: null, last_reply_at: null, reactions: [] });
const ps = Array.from({length:5000}, (_,i)=>p(i));
for (let r=0;r<3;r++){ let t=performance.now(); for (const x of ps) parseEvent(x,'c',1); console.log('parse', (performance.now()-t).toFixed(1));
 t=performance.now(); for (const x of ps) capRichText(x.rich_text_body); console.log('rich', (performance.now()-t).toFixed(1)); }
