/**
 * `GET /community_member`: the signed-in member, in the shape of Circle's example.
 */
import type { Member } from './model';

/** The signed-in member as `GET /community_member` has it, plus a few fields of our own (names, SSO id). */
export function communityMemberRecord(member: Member, communityId: number): Record<string, unknown> {
  const [firstName = '', ...rest] = member.name.split(' ');
  return {
    id: member.id,
    user_id: member.id + 50_000,
    public_uid: member.publicUid,
    email: member.email,
    name: member.name,
    avatar_url: member.avatarUrl,
    large_avatar_url: member.avatarUrl,
    bio: '',
    headline: member.headline,
    posts_count: 0,
    comments_count: 0,
    spaces_count: 6,
    bookmarks_count: 0,
    default_space_id: 0,
    active: true,
    profile_info: { website: '', location: '', twitter_url: '', facebook_url: '', instagram_url: '', linkedin_url: '' },
    roles: { admin: false, moderator: false },
    features: {
      messaging_enabled: true, can_create_live_streams: false, display_home_page: true, group_messaging_enabled: true,
      display_member_directory: true, profile_fields_feature_flag_enabled: false, voice_messages_enabled: false,
      chat_reactions_enabled: true, tiptap_webview_editor_enabled: true,
    },
    mobile_home_segments: [{ id: 1, kind: 'feed', name: null }, { id: 2, kind: 'spaces', name: null }],
    live_stream_limits: {
      live_stream_max_host_capacity: 0, live_stream_max_spectator_capacity: 0, live_room_participants_capacity: 0,
      live_stream_monthly_stream_hours: 0, live_stream_recording_hours: 0,
    },
    profile_fields: { visible: [], not_visible: [] },
    member_tags: [],
    gamification_stats: {},
    first_name: firstName,
    last_name: rest.join(' '),
    community_id: communityId,
    sso_user_id: member.ssoUserId,
    created_at: member.createdAt.toISOString(),
  };
}
