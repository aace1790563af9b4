export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      appointments: {
        Row: {
          cancelled_at: string | null
          case_id: string
          created_at: string
          hall_id: string
          id: string
          reminded_at: string | null
          slot_id: string
          status: Database["public"]["Enums"]["appointment_status"]
          window_closes_at: string
          window_notified_at: string | null
          window_opens_at: string
        }
        Insert: {
          cancelled_at?: string | null
          case_id: string
          created_at?: string
          hall_id: string
          id?: string
          reminded_at?: string | null
          slot_id: string
          status?: Database["public"]["Enums"]["appointment_status"]
          window_closes_at: string
          window_notified_at?: string | null
          window_opens_at: string
        }
        Update: {
          cancelled_at?: string | null
          case_id?: string
          created_at?: string
          hall_id?: string
          id?: string
          reminded_at?: string | null
          slot_id?: string
          status?: Database["public"]["Enums"]["appointment_status"]
          window_closes_at?: string
          window_notified_at?: string | null
          window_opens_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "appointments_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "appointments_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "appointments_slot_id_fkey"
            columns: ["slot_id"]
            isOneToOne: false
            referencedRelation: "slots"
            referencedColumns: ["id"]
          },
        ]
      }
      attachments: {
        Row: {
          bucket: string
          created_at: string
          file_name: string
          form_id: string
          id: string
          mime_type: string | null
          object_path: string
          requirement_id: string
          size_bytes: number | null
          uploaded_by: string | null
        }
        Insert: {
          bucket?: string
          created_at?: string
          file_name: string
          form_id: string
          id?: string
          mime_type?: string | null
          object_path: string
          requirement_id: string
          size_bytes?: number | null
          uploaded_by?: string | null
        }
        Update: {
          bucket?: string
          created_at?: string
          file_name?: string
          form_id?: string
          id?: string
          mime_type?: string | null
          object_path?: string
          requirement_id?: string
          size_bytes?: number | null
          uploaded_by?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "attachments_form_id_fkey"
            columns: ["form_id"]
            isOneToOne: false
            referencedRelation: "forms"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attachments_requirement_id_fkey"
            columns: ["requirement_id"]
            isOneToOne: false
            referencedRelation: "node_requirements"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "attachments_uploaded_by_fkey"
            columns: ["uploaded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      authorization_codes: {
        Row: {
          code: string
          created_at: string
          created_by: string
          expires_at: string
          hall_id: string
          id: string
          revoked_at: string | null
          revoked_by: string | null
          used_at: string | null
          used_for_case: string | null
        }
        Insert: {
          code: string
          created_at?: string
          created_by: string
          expires_at: string
          hall_id: string
          id?: string
          revoked_at?: string | null
          revoked_by?: string | null
          used_at?: string | null
          used_for_case?: string | null
        }
        Update: {
          code?: string
          created_at?: string
          created_by?: string
          expires_at?: string
          hall_id?: string
          id?: string
          revoked_at?: string | null
          revoked_by?: string | null
          used_at?: string | null
          used_for_case?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "authorization_codes_created_by_fkey"
            columns: ["created_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "authorization_codes_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "authorization_codes_revoked_by_fkey"
            columns: ["revoked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "authorization_codes_used_for_case_fkey"
            columns: ["used_for_case"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
        ]
      }
      business_categories: {
        Row: {
          active: boolean
          audience: Database["public"]["Enums"]["business_audience"]
          code: string | null
          id: string
          name: string
          sort: number
        }
        Insert: {
          active?: boolean
          audience?: Database["public"]["Enums"]["business_audience"]
          code?: string | null
          id?: string
          name: string
          sort?: number
        }
        Update: {
          active?: boolean
          audience?: Database["public"]["Enums"]["business_audience"]
          code?: string | null
          id?: string
          name?: string
          sort?: number
        }
        Relationships: []
      }
      business_nodes: {
        Row: {
          active: boolean
          allows_back_office: boolean
          allows_online: boolean
          code: string | null
          description: string | null
          id: string
          name: string
          promised_working_days: number
          sort: number
          topic_id: string
        }
        Insert: {
          active?: boolean
          allows_back_office?: boolean
          allows_online?: boolean
          code?: string | null
          description?: string | null
          id?: string
          name: string
          promised_working_days?: number
          sort?: number
          topic_id: string
        }
        Update: {
          active?: boolean
          allows_back_office?: boolean
          allows_online?: boolean
          code?: string | null
          description?: string | null
          id?: string
          name?: string
          promised_working_days?: number
          sort?: number
          topic_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "business_nodes_topic_id_fkey"
            columns: ["topic_id"]
            isOneToOne: false
            referencedRelation: "topics"
            referencedColumns: ["id"]
          },
        ]
      }
      business_subcategories: {
        Row: {
          active: boolean
          category_id: string
          code: string | null
          id: string
          name: string
          sort: number
        }
        Insert: {
          active?: boolean
          category_id: string
          code?: string | null
          id?: string
          name: string
          sort?: number
        }
        Update: {
          active?: boolean
          category_id?: string
          code?: string | null
          id?: string
          name?: string
          sort?: number
        }
        Relationships: [
          {
            foreignKeyName: "business_subcategories_category_id_fkey"
            columns: ["category_id"]
            isOneToOne: false
            referencedRelation: "business_categories"
            referencedColumns: ["id"]
          },
        ]
      }
      canned_replies: {
        Row: {
          active: boolean
          body: string
          created_at: string
          hall_id: string | null
          id: string
          sort_order: number
        }
        Insert: {
          active?: boolean
          body: string
          created_at?: string
          hall_id?: string | null
          id?: string
          sort_order?: number
        }
        Update: {
          active?: boolean
          body?: string
          created_at?: string
          hall_id?: string | null
          id?: string
          sort_order?: number
        }
        Relationships: [
          {
            foreignKeyName: "canned_replies_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
        ]
      }
      case_documents: {
        Row: {
          case_id: string
          created_at: string
          file_name: string
          id: string
          mime_type: string | null
          object_path: string
          size_bytes: number | null
          uploaded_by: string
        }
        Insert: {
          case_id: string
          created_at?: string
          file_name: string
          id?: string
          mime_type?: string | null
          object_path: string
          size_bytes?: number | null
          uploaded_by: string
        }
        Update: {
          case_id?: string
          created_at?: string
          file_name?: string
          id?: string
          mime_type?: string | null
          object_path?: string
          size_bytes?: number | null
          uploaded_by?: string
        }
        Relationships: [
          {
            foreignKeyName: "case_documents_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "case_documents_uploaded_by_fkey"
            columns: ["uploaded_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      case_events: {
        Row: {
          actor_id: string | null
          actor_role: string
          at: string
          case_id: string
          data: NonNullable<Json>
          from_status: Database["public"]["Enums"]["case_status"] | null
          id: number
          kind: Database["public"]["Enums"]["case_event_kind"]
          reason: string | null
          review_status: Database["public"]["Enums"]["review_status"] | null
          to_status: Database["public"]["Enums"]["case_status"] | null
        }
        Insert: {
          actor_id?: string | null
          actor_role: string
          at?: string
          case_id: string
          data?: NonNullable<Json>
          from_status?: Database["public"]["Enums"]["case_status"] | null
          id?: never
          kind: Database["public"]["Enums"]["case_event_kind"]
          reason?: string | null
          review_status?: Database["public"]["Enums"]["review_status"] | null
          to_status?: Database["public"]["Enums"]["case_status"] | null
        }
        Update: {
          actor_id?: string | null
          actor_role?: string
          at?: string
          case_id?: string
          data?: NonNullable<Json>
          from_status?: Database["public"]["Enums"]["case_status"] | null
          id?: never
          kind?: Database["public"]["Enums"]["case_event_kind"]
          reason?: string | null
          review_status?: Database["public"]["Enums"]["review_status"] | null
          to_status?: Database["public"]["Enums"]["case_status"] | null
        }
        Relationships: [
          {
            foreignKeyName: "case_events_actor_id_fkey"
            columns: ["actor_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "case_events_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
        ]
      }
      cases: {
        Row: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        Insert: {
          back_office_alert?: string | null
          back_office_due_at?: string | null
          back_office_officer_id?: string | null
          back_office_specified?: boolean
          back_office_taken_at?: string | null
          close_reason?: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at?: string | null
          created_at?: string
          enterprise_id?: string | null
          form_id: string
          hall_id: string
          handler_id?: string | null
          history_reason?: never
          id?: string
          instant_approved_by?: string | null
          mode?: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome?: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count?: number
          resubmit_deadline?: string | null
          result_note?: string | null
          review_claimed_at?: string | null
          review_claimed_by?: string | null
          review_feedback?: string | null
          review_status?: Database["public"]["Enums"]["review_status"]
          reviewed_at?: string | null
          reviewed_by?: string | null
          status?: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at?: string
        }
        Update: {
          back_office_alert?: string | null
          back_office_due_at?: string | null
          back_office_officer_id?: string | null
          back_office_specified?: boolean
          back_office_taken_at?: string | null
          close_reason?: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at?: string | null
          created_at?: string
          enterprise_id?: string | null
          form_id?: string
          hall_id?: string
          handler_id?: string | null
          history_reason?: never
          id?: string
          instant_approved_by?: string | null
          mode?: Database["public"]["Enums"]["handling_mode"] | null
          node_id?: string
          outcome?: Database["public"]["Enums"]["case_outcome"] | null
          owner_id?: string
          resubmission_count?: number
          resubmit_deadline?: string | null
          result_note?: string | null
          review_claimed_at?: string | null
          review_claimed_by?: string | null
          review_feedback?: string | null
          review_status?: Database["public"]["Enums"]["review_status"]
          reviewed_at?: string | null
          reviewed_by?: string | null
          status?: Database["public"]["Enums"]["case_status"]
          task_no?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "cases_back_office_officer_id_fkey"
            columns: ["back_office_officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_enterprise_id_fkey"
            columns: ["enterprise_id"]
            isOneToOne: false
            referencedRelation: "enterprises"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_form_id_fkey"
            columns: ["form_id"]
            isOneToOne: true
            referencedRelation: "forms"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_handler_id_fkey"
            columns: ["handler_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_instant_approved_by_fkey"
            columns: ["instant_approved_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_review_claimed_by_fkey"
            columns: ["review_claimed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "cases_reviewed_by_fkey"
            columns: ["reviewed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      conversation_reads: {
        Row: {
          conversation_id: string
          last_read_message_id: number
          updated_at: string
          user_id: string
        }
        Insert: {
          conversation_id: string
          last_read_message_id?: number
          updated_at?: string
          user_id: string
        }
        Update: {
          conversation_id?: string
          last_read_message_id?: number
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "conversation_reads_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversation_reads_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      conversations: {
        Row: {
          case_id: string | null
          created_at: string
          guidance_session_id: string | null
          id: string
          kind: Database["public"]["Enums"]["conversation_kind"]
          last_message_at: string | null
        }
        Insert: {
          case_id?: string | null
          created_at?: string
          guidance_session_id?: string | null
          id?: string
          kind: Database["public"]["Enums"]["conversation_kind"]
          last_message_at?: string | null
        }
        Update: {
          case_id?: string | null
          created_at?: string
          guidance_session_id?: string | null
          id?: string
          kind?: Database["public"]["Enums"]["conversation_kind"]
          last_message_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "conversations_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: true
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversations_guidance_session_id_fkey"
            columns: ["guidance_session_id"]
            isOneToOne: true
            referencedRelation: "guidance_sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      enterprise_members: {
        Row: {
          created_at: string
          enterprise_id: string
          relation: Database["public"]["Enums"]["enterprise_relation"]
          user_id: string
        }
        Insert: {
          created_at?: string
          enterprise_id: string
          relation?: Database["public"]["Enums"]["enterprise_relation"]
          user_id: string
        }
        Update: {
          created_at?: string
          enterprise_id?: string
          relation?: Database["public"]["Enums"]["enterprise_relation"]
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "enterprise_members_enterprise_id_fkey"
            columns: ["enterprise_id"]
            isOneToOne: false
            referencedRelation: "enterprises"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "enterprise_members_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      enterprises: {
        Row: {
          created_at: string
          id: string
          name: string
          region_code: string | null
          tax_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          name: string
          region_code?: string | null
          tax_id: string
        }
        Update: {
          created_at?: string
          id?: string
          name?: string
          region_code?: string | null
          tax_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "enterprises_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      favorites: {
        Row: {
          created_at: string
          kind: Database["public"]["Enums"]["favorite_kind"]
          node_id: string
          region_code: string | null
          user_id: string
        }
        Insert: {
          created_at?: string
          kind: Database["public"]["Enums"]["favorite_kind"]
          node_id: string
          region_code?: string | null
          user_id: string
        }
        Update: {
          created_at?: string
          kind?: Database["public"]["Enums"]["favorite_kind"]
          node_id?: string
          region_code?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "favorites_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "favorites_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
          {
            foreignKeyName: "favorites_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      form_templates: {
        Row: {
          code: string
          description: string | null
          id: string
          name: string
          template_url: string | null
        }
        Insert: {
          code: string
          description?: string | null
          id?: string
          name: string
          template_url?: string | null
        }
        Update: {
          code?: string
          description?: string | null
          id?: string
          name?: string
          template_url?: string | null
        }
        Relationships: []
      }
      forms: {
        Row: {
          agent_contact: string | null
          agent_name: string | null
          copied_from: string | null
          created_at: string
          description: string
          enterprise_id: string | null
          hall_id: string | null
          id: string
          node_id: string
          owner_id: string
          region_code: string | null
          status: Database["public"]["Enums"]["form_status"]
          submitted_at: string | null
          updated_at: string
          editable: boolean | null
          is_party: boolean | null
        }
        Insert: {
          agent_contact?: string | null
          agent_name?: string | null
          copied_from?: string | null
          created_at?: string
          description?: string
          enterprise_id?: string | null
          hall_id?: string | null
          id?: string
          node_id: string
          owner_id: string
          region_code?: string | null
          status?: Database["public"]["Enums"]["form_status"]
          submitted_at?: string | null
          updated_at?: string
        }
        Update: {
          agent_contact?: string | null
          agent_name?: string | null
          copied_from?: string | null
          created_at?: string
          description?: string
          enterprise_id?: string | null
          hall_id?: string | null
          id?: string
          node_id?: string
          owner_id?: string
          region_code?: string | null
          status?: Database["public"]["Enums"]["form_status"]
          submitted_at?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "forms_copied_from_fkey"
            columns: ["copied_from"]
            isOneToOne: false
            referencedRelation: "forms"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_enterprise_id_fkey"
            columns: ["enterprise_id"]
            isOneToOne: false
            referencedRelation: "enterprises"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_owner_id_fkey"
            columns: ["owner_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "forms_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      guidance_answers: {
        Row: {
          id: string
          label: string
          next_question_id: string | null
          question_id: string
          sort: number
          topic_id: string | null
        }
        Insert: {
          id?: string
          label: string
          next_question_id?: string | null
          question_id: string
          sort?: number
          topic_id?: string | null
        }
        Update: {
          id?: string
          label?: string
          next_question_id?: string | null
          question_id?: string
          sort?: number
          topic_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "guidance_answers_next_question_id_fkey"
            columns: ["next_question_id"]
            isOneToOne: false
            referencedRelation: "guidance_questions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_answers_question_id_fkey"
            columns: ["question_id"]
            isOneToOne: false
            referencedRelation: "guidance_questions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_answers_topic_id_fkey"
            columns: ["topic_id"]
            isOneToOne: false
            referencedRelation: "topics"
            referencedColumns: ["id"]
          },
        ]
      }
      guidance_questions: {
        Row: {
          id: string
          is_first: boolean
          prompt: string
          sort: number
          subcategory_id: string
        }
        Insert: {
          id?: string
          is_first?: boolean
          prompt: string
          sort?: number
          subcategory_id: string
        }
        Update: {
          id?: string
          is_first?: boolean
          prompt?: string
          sort?: number
          subcategory_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "guidance_questions_subcategory_id_fkey"
            columns: ["subcategory_id"]
            isOneToOne: false
            referencedRelation: "business_subcategories"
            referencedColumns: ["id"]
          },
        ]
      }
      guidance_sessions: {
        Row: {
          close_note: string | null
          closed_at: string | null
          closed_by: string | null
          created_at: string
          hall_id: string
          id: string
          last_activity_at: string
          officer_id: string | null
          status: Database["public"]["Enums"]["guidance_status"]
          taken_at: string | null
          taxpayer_id: string
          topic: string | null
        }
        Insert: {
          close_note?: string | null
          closed_at?: string | null
          closed_by?: string | null
          created_at?: string
          hall_id: string
          id?: string
          last_activity_at?: string
          officer_id?: string | null
          status?: Database["public"]["Enums"]["guidance_status"]
          taken_at?: string | null
          taxpayer_id: string
          topic?: string | null
        }
        Update: {
          close_note?: string | null
          closed_at?: string | null
          closed_by?: string | null
          created_at?: string
          hall_id?: string
          id?: string
          last_activity_at?: string
          officer_id?: string | null
          status?: Database["public"]["Enums"]["guidance_status"]
          taken_at?: string | null
          taxpayer_id?: string
          topic?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "guidance_sessions_closed_by_fkey"
            columns: ["closed_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_sessions_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_sessions_officer_id_fkey"
            columns: ["officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "guidance_sessions_taxpayer_id_fkey"
            columns: ["taxpayer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      instant_requests: {
        Row: {
          asked_at: string
          asked_by: string
          case_id: string
          decided_at: string | null
          decided_by: string | null
          guidance_session_id: string
          id: string
          reason: string | null
          status: Database["public"]["Enums"]["instant_request_status"]
          ticket_id: string | null
        }
        Insert: {
          asked_at?: string
          asked_by: string
          case_id: string
          decided_at?: string | null
          decided_by?: string | null
          guidance_session_id: string
          id?: string
          reason?: string | null
          status?: Database["public"]["Enums"]["instant_request_status"]
          ticket_id?: string | null
        }
        Update: {
          asked_at?: string
          asked_by?: string
          case_id?: string
          decided_at?: string | null
          decided_by?: string | null
          guidance_session_id?: string
          id?: string
          reason?: string | null
          status?: Database["public"]["Enums"]["instant_request_status"]
          ticket_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "instant_requests_asked_by_fkey"
            columns: ["asked_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "instant_requests_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "instant_requests_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "instant_requests_guidance_session_id_fkey"
            columns: ["guidance_session_id"]
            isOneToOne: false
            referencedRelation: "guidance_sessions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "instant_requests_ticket_id_fkey"
            columns: ["ticket_id"]
            isOneToOne: false
            referencedRelation: "tickets"
            referencedColumns: ["id"]
          },
        ]
      }
      materials: {
        Row: {
          description: string | null
          id: string
          name: string
        }
        Insert: {
          description?: string | null
          id?: string
          name: string
        }
        Update: {
          description?: string | null
          id?: string
          name?: string
        }
        Relationships: []
      }
      messages: {
        Row: {
          body: string | null
          conversation_id: string
          created_at: string
          file_name: string | null
          id: number
          kind: Database["public"]["Enums"]["message_kind"]
          mime_type: string | null
          object_path: string | null
          sender_id: string | null
        }
        Insert: {
          body?: string | null
          conversation_id: string
          created_at?: string
          file_name?: string | null
          id?: never
          kind?: Database["public"]["Enums"]["message_kind"]
          mime_type?: string | null
          object_path?: string | null
          sender_id?: string | null
        }
        Update: {
          body?: string | null
          conversation_id?: string
          created_at?: string
          file_name?: string | null
          id?: never
          kind?: Database["public"]["Enums"]["message_kind"]
          mime_type?: string | null
          object_path?: string | null
          sender_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "messages_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "messages_sender_id_fkey"
            columns: ["sender_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      node_paths: {
        Row: {
          node_id: string
          note: string | null
          path: Database["public"]["Enums"]["handling_path"]
          sort: number
          url: string | null
        }
        Insert: {
          node_id: string
          note?: string | null
          path: Database["public"]["Enums"]["handling_path"]
          sort?: number
          url?: string | null
        }
        Update: {
          node_id?: string
          note?: string | null
          path?: Database["public"]["Enums"]["handling_path"]
          sort?: number
          url?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "node_paths_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
        ]
      }
      node_requirements: {
        Row: {
          form_template_id: string | null
          id: string
          kind: Database["public"]["Enums"]["requirement_kind"]
          material_id: string | null
          node_id: string
          note: string | null
          required: boolean
          sort: number
        }
        Insert: {
          form_template_id?: string | null
          id?: string
          kind: Database["public"]["Enums"]["requirement_kind"]
          material_id?: string | null
          node_id: string
          note?: string | null
          required?: boolean
          sort?: number
        }
        Update: {
          form_template_id?: string | null
          id?: string
          kind?: Database["public"]["Enums"]["requirement_kind"]
          material_id?: string | null
          node_id?: string
          note?: string | null
          required?: boolean
          sort?: number
        }
        Relationships: [
          {
            foreignKeyName: "node_requirements_form_template_id_fkey"
            columns: ["form_template_id"]
            isOneToOne: false
            referencedRelation: "form_templates"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "node_requirements_material_id_fkey"
            columns: ["material_id"]
            isOneToOne: false
            referencedRelation: "materials"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "node_requirements_node_id_fkey"
            columns: ["node_id"]
            isOneToOne: false
            referencedRelation: "business_nodes"
            referencedColumns: ["id"]
          },
        ]
      }
      notices: {
        Row: {
          body: string
          case_id: string | null
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["notice_kind"]
          read_at: string | null
          sms_attempts: number
          sms_claimed_at: string | null
          sms_next_at: string | null
          sms_sent_at: string | null
          sms_status: Database["public"]["Enums"]["sms_status"]
          title: string
          user_id: string
        }
        Insert: {
          body?: string
          case_id?: string | null
          created_at?: string
          id?: string
          kind: Database["public"]["Enums"]["notice_kind"]
          read_at?: string | null
          sms_attempts?: number
          sms_claimed_at?: string | null
          sms_next_at?: string | null
          sms_sent_at?: string | null
          sms_status?: Database["public"]["Enums"]["sms_status"]
          title: string
          user_id: string
        }
        Update: {
          body?: string
          case_id?: string | null
          created_at?: string
          id?: string
          kind?: Database["public"]["Enums"]["notice_kind"]
          read_at?: string | null
          sms_attempts?: number
          sms_claimed_at?: string | null
          sms_next_at?: string | null
          sms_sent_at?: string | null
          sms_status?: Database["public"]["Enums"]["sms_status"]
          title?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "notices_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notices_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      officer_duties: {
        Row: {
          duty: Database["public"]["Enums"]["officer_duty"]
          officer_id: string
        }
        Insert: {
          duty: Database["public"]["Enums"]["officer_duty"]
          officer_id: string
        }
        Update: {
          duty?: Database["public"]["Enums"]["officer_duty"]
          officer_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "officer_duties_officer_id_fkey"
            columns: ["officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      officer_halls: {
        Row: {
          hall_id: string
          officer_id: string
        }
        Insert: {
          hall_id: string
          officer_id: string
        }
        Update: {
          hall_id?: string
          officer_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "officer_halls_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "officer_halls_officer_id_fkey"
            columns: ["officer_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      payment_receipts: {
        Row: {
          created_at: string
          id: string
          object_path: string
          payment_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          object_path: string
          payment_id: string
        }
        Update: {
          created_at?: string
          id?: string
          object_path?: string
          payment_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "payment_receipts_payment_id_fkey"
            columns: ["payment_id"]
            isOneToOne: false
            referencedRelation: "payments"
            referencedColumns: ["id"]
          },
        ]
      }
      payments: {
        Row: {
          amount: number
          case_id: string
          decided_at: string | null
          decided_by: string | null
          id: string
          instructions: string | null
          qr_object_path: string | null
          receipt_note: string | null
          requested_at: string
          requested_by: string
          result_note: string | null
          status: Database["public"]["Enums"]["payment_status"]
          submitted_at: string | null
        }
        Insert: {
          amount: number
          case_id: string
          decided_at?: string | null
          decided_by?: string | null
          id?: string
          instructions?: string | null
          qr_object_path?: string | null
          receipt_note?: string | null
          requested_at?: string
          requested_by: string
          result_note?: string | null
          status?: Database["public"]["Enums"]["payment_status"]
          submitted_at?: string | null
        }
        Update: {
          amount?: number
          case_id?: string
          decided_at?: string | null
          decided_by?: string | null
          id?: string
          instructions?: string | null
          qr_object_path?: string | null
          receipt_note?: string | null
          requested_at?: string
          requested_by?: string
          result_note?: string | null
          status?: Database["public"]["Enums"]["payment_status"]
          submitted_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "payments_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_decided_by_fkey"
            columns: ["decided_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "payments_requested_by_fkey"
            columns: ["requested_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          app_role: Database["public"]["Enums"]["app_role"]
          cert_no: string | null
          cert_type: Database["public"]["Enums"]["cert_type"] | null
          created_at: string
          full_name: string
          id: string
          phone: string | null
          staff_no: string | null
          updated_at: string
        }
        Insert: {
          app_role?: Database["public"]["Enums"]["app_role"]
          cert_no?: string | null
          cert_type?: Database["public"]["Enums"]["cert_type"] | null
          created_at?: string
          full_name?: string
          id: string
          phone?: string | null
          staff_no?: string | null
          updated_at?: string
        }
        Update: {
          app_role?: Database["public"]["Enums"]["app_role"]
          cert_no?: string | null
          cert_type?: Database["public"]["Enums"]["cert_type"] | null
          created_at?: string
          full_name?: string
          id?: string
          phone?: string | null
          staff_no?: string | null
          updated_at?: string
        }
        Relationships: []
      }
      real_name_registry: {
        Row: {
          cert_no: string
          cert_type: Database["public"]["Enums"]["cert_type"]
          full_name: string
          id: string
          phone: string | null
          verified: boolean
          verified_at: string | null
        }
        Insert: {
          cert_no: string
          cert_type: Database["public"]["Enums"]["cert_type"]
          full_name: string
          id?: string
          phone?: string | null
          verified?: boolean
          verified_at?: string | null
        }
        Update: {
          cert_no?: string
          cert_type?: Database["public"]["Enums"]["cert_type"]
          full_name?: string
          id?: string
          phone?: string | null
          verified?: boolean
          verified_at?: string | null
        }
        Relationships: []
      }
      regions: {
        Row: {
          active: boolean
          code: string
          level: Database["public"]["Enums"]["region_level"]
          name: string
          parent_code: string | null
          sort: number
        }
        Insert: {
          active?: boolean
          code: string
          level: Database["public"]["Enums"]["region_level"]
          name: string
          parent_code?: string | null
          sort?: number
        }
        Update: {
          active?: boolean
          code?: string
          level?: Database["public"]["Enums"]["region_level"]
          name?: string
          parent_code?: string | null
          sort?: number
        }
        Relationships: [
          {
            foreignKeyName: "regions_parent_code_fkey"
            columns: ["parent_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      service_halls: {
        Row: {
          active: boolean
          address: string | null
          created_at: string
          id: string
          name: string
          phone: string | null
          region_code: string
          sort: number
        }
        Insert: {
          active?: boolean
          address?: string | null
          created_at?: string
          id?: string
          name: string
          phone?: string | null
          region_code: string
          sort?: number
        }
        Update: {
          active?: boolean
          address?: string | null
          created_at?: string
          id?: string
          name?: string
          phone?: string | null
          region_code?: string
          sort?: number
        }
        Relationships: [
          {
            foreignKeyName: "service_halls_region_code_fkey"
            columns: ["region_code"]
            isOneToOne: false
            referencedRelation: "regions"
            referencedColumns: ["code"]
          },
        ]
      }
      settings: {
        Row: {
          abandon_grace_seconds: number
          appointment_reminder_minutes: number
          auth_code_lifetime_minutes: number
          back_office_due_soon_hours: number
          booking_horizon_days: number
          default_handling_minutes: number
          guidance_idle_minutes: number
          handling_sample_size: number
          id: boolean
          max_receipts: number
          near_turn_places: number
          officer_online_seconds: number
          orphan_upload_grace_hours: number
          otp_lifetime_seconds: number
          otp_max_attempts: number
          otp_resend_seconds: number
          reactivation_minutes: number
          resubmission_hours: number
          slot_generation_days: number
          sms_max_attempts: number
          sms_per_person_per_hour: number
          sms_quiet_end: string | null
          sms_quiet_start: string | null
          stale_claim_minutes: number
          ticket_window_lead_minutes: number
          updated_at: string
        }
        Insert: {
          abandon_grace_seconds?: number
          appointment_reminder_minutes?: number
          auth_code_lifetime_minutes?: number
          back_office_due_soon_hours?: number
          booking_horizon_days?: number
          default_handling_minutes?: number
          guidance_idle_minutes?: number
          handling_sample_size?: number
          id?: boolean
          max_receipts?: number
          near_turn_places?: number
          officer_online_seconds?: number
          orphan_upload_grace_hours?: number
          otp_lifetime_seconds?: number
          otp_max_attempts?: number
          otp_resend_seconds?: number
          reactivation_minutes?: number
          resubmission_hours?: number
          slot_generation_days?: number
          sms_max_attempts?: number
          sms_per_person_per_hour?: number
          sms_quiet_end?: string | null
          sms_quiet_start?: string | null
          stale_claim_minutes?: number
          ticket_window_lead_minutes?: number
          updated_at?: string
        }
        Update: {
          abandon_grace_seconds?: number
          appointment_reminder_minutes?: number
          auth_code_lifetime_minutes?: number
          back_office_due_soon_hours?: number
          booking_horizon_days?: number
          default_handling_minutes?: number
          guidance_idle_minutes?: number
          handling_sample_size?: number
          id?: boolean
          max_receipts?: number
          near_turn_places?: number
          officer_online_seconds?: number
          orphan_upload_grace_hours?: number
          otp_lifetime_seconds?: number
          otp_max_attempts?: number
          otp_resend_seconds?: number
          reactivation_minutes?: number
          resubmission_hours?: number
          slot_generation_days?: number
          sms_max_attempts?: number
          sms_per_person_per_hour?: number
          sms_quiet_end?: string | null
          sms_quiet_start?: string | null
          stale_claim_minutes?: number
          ticket_window_lead_minutes?: number
          updated_at?: string
        }
        Relationships: []
      }
      slot_templates: {
        Row: {
          active: boolean
          capacity: number
          end_time: string
          hall_id: string
          id: string
          start_time: string
          valid_from: string | null
          valid_to: string | null
          weekday: number | null
        }
        Insert: {
          active?: boolean
          capacity: number
          end_time: string
          hall_id: string
          id?: string
          start_time: string
          valid_from?: string | null
          valid_to?: string | null
          weekday?: number | null
        }
        Update: {
          active?: boolean
          capacity?: number
          end_time?: string
          hall_id?: string
          id?: string
          start_time?: string
          valid_from?: string | null
          valid_to?: string | null
          weekday?: number | null
        }
        Relationships: [
          {
            foreignKeyName: "slot_templates_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
        ]
      }
      slots: {
        Row: {
          active: boolean
          booked: number
          capacity: number
          day: string
          ends_at: string
          hall_id: string
          id: string
          starts_at: string
          template_id: string | null
        }
        Insert: {
          active?: boolean
          booked?: number
          capacity: number
          day: string
          ends_at: string
          hall_id: string
          id?: string
          starts_at: string
          template_id?: string | null
        }
        Update: {
          active?: boolean
          booked?: number
          capacity?: number
          day?: string
          ends_at?: string
          hall_id?: string
          id?: string
          starts_at?: string
          template_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "slots_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "slots_template_id_fkey"
            columns: ["template_id"]
            isOneToOne: false
            referencedRelation: "slot_templates"
            referencedColumns: ["id"]
          },
        ]
      }
      sms_preferences: {
        Row: {
          near_turn: boolean
          updated_at: string
          user_id: string
        }
        Insert: {
          near_turn?: boolean
          updated_at?: string
          user_id: string
        }
        Update: {
          near_turn?: boolean
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "sms_preferences_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: true
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      social_security_whitelist: {
        Row: {
          active: boolean
          created_at: string
          full_name: string
          id: string
          id_card_no: string
          phone: string
          ss_no: string
        }
        Insert: {
          active?: boolean
          created_at?: string
          full_name: string
          id?: string
          id_card_no: string
          phone: string
          ss_no: string
        }
        Update: {
          active?: boolean
          created_at?: string
          full_name?: string
          id?: string
          id_card_no?: string
          phone?: string
          ss_no?: string
        }
        Relationships: []
      }
      ticket_bindings: {
        Row: {
          created_at: string
          id: string
          ticket_id: string
          user_id: string
        }
        Insert: {
          created_at?: string
          id?: string
          ticket_id: string
          user_id: string
        }
        Update: {
          created_at?: string
          id?: string
          ticket_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "ticket_bindings_ticket_id_fkey"
            columns: ["ticket_id"]
            isOneToOne: true
            referencedRelation: "tickets"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ticket_bindings_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      tickets: {
        Row: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        Insert: {
          abandoned_at?: string | null
          appointment_id?: string | null
          called_at?: string | null
          called_by?: string | null
          case_id?: string | null
          created_at?: string
          day: string
          enqueued_at?: string
          finished_at?: string | null
          hall_id: string
          id?: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline?: string | null
          recall_count?: number
          status?: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        Update: {
          abandoned_at?: string | null
          appointment_id?: string | null
          called_at?: string | null
          called_by?: string | null
          case_id?: string | null
          created_at?: string
          day?: string
          enqueued_at?: string
          finished_at?: string | null
          hall_id?: string
          id?: string
          queue?: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline?: string | null
          recall_count?: number
          status?: Database["public"]["Enums"]["ticket_status"]
          ticket_no?: string
        }
        Relationships: [
          {
            foreignKeyName: "tickets_appointment_id_fkey"
            columns: ["appointment_id"]
            isOneToOne: false
            referencedRelation: "appointments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_called_by_fkey"
            columns: ["called_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_case_id_fkey"
            columns: ["case_id"]
            isOneToOne: false
            referencedRelation: "cases"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tickets_hall_id_fkey"
            columns: ["hall_id"]
            isOneToOne: false
            referencedRelation: "service_halls"
            referencedColumns: ["id"]
          },
        ]
      }
      topics: {
        Row: {
          active: boolean
          code: string | null
          id: string
          name: string
          overview: string | null
          sort: number
          subcategory_id: string
        }
        Insert: {
          active?: boolean
          code?: string | null
          id?: string
          name: string
          overview?: string | null
          sort?: number
          subcategory_id: string
        }
        Update: {
          active?: boolean
          code?: string | null
          id?: string
          name?: string
          overview?: string | null
          sort?: number
          subcategory_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "topics_subcategory_id_fkey"
            columns: ["subcategory_id"]
            isOneToOne: false
            referencedRelation: "business_subcategories"
            referencedColumns: ["id"]
          },
        ]
      }
      video_guests: {
        Row: {
          answered_at: string | null
          consent: string
          full_name: string
          invited_at: string
          invited_by: string
          kind: string
          user_id: string
          video_id: string
        }
        Insert: {
          answered_at?: string | null
          consent?: string
          full_name: string
          invited_at?: string
          invited_by: string
          kind: string
          user_id: string
          video_id: string
        }
        Update: {
          answered_at?: string | null
          consent?: string
          full_name?: string
          invited_at?: string
          invited_by?: string
          kind?: string
          user_id?: string
          video_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "video_guests_invited_by_fkey"
            columns: ["invited_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_guests_user_id_fkey"
            columns: ["user_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_guests_video_id_fkey"
            columns: ["video_id"]
            isOneToOne: false
            referencedRelation: "video_sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      video_sessions: {
        Row: {
          answered_at: string | null
          answered_by: string | null
          connected_at: string | null
          conversation_id: string
          created_at: string
          ended_at: string | null
          ended_by: string | null
          finished_at: string | null
          id: string
          livekit_room: string
          started_by: string
          status: Database["public"]["Enums"]["video_status"]
        }
        Insert: {
          answered_at?: string | null
          answered_by?: string | null
          connected_at?: string | null
          conversation_id: string
          created_at?: string
          ended_at?: string | null
          ended_by?: string | null
          finished_at?: string | null
          id?: string
          livekit_room: string
          started_by: string
          status?: Database["public"]["Enums"]["video_status"]
        }
        Update: {
          answered_at?: string | null
          answered_by?: string | null
          connected_at?: string | null
          conversation_id?: string
          created_at?: string
          ended_at?: string | null
          ended_by?: string | null
          finished_at?: string | null
          id?: string
          livekit_room?: string
          started_by?: string
          status?: Database["public"]["Enums"]["video_status"]
        }
        Relationships: [
          {
            foreignKeyName: "video_sessions_answered_by_fkey"
            columns: ["answered_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_sessions_conversation_id_fkey"
            columns: ["conversation_id"]
            isOneToOne: false
            referencedRelation: "conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_sessions_ended_by_fkey"
            columns: ["ended_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "video_sessions_started_by_fkey"
            columns: ["started_by"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
        ]
      }
      working_calendar: {
        Row: {
          day: string
          kind: Database["public"]["Enums"]["calendar_day_kind"]
          name: string
          note: string | null
          provisional: boolean
        }
        Insert: {
          day: string
          kind: Database["public"]["Enums"]["calendar_day_kind"]
          name: string
          note?: string | null
          provisional?: boolean
        }
        Update: {
          day?: string
          kind?: Database["public"]["Enums"]["calendar_day_kind"]
          name?: string
          note?: string | null
          provisional?: boolean
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      abandon_ticket: {
        Args: { p_ticket_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      accept_call: {
        Args: { p_ticket_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      add_favorite: {
        Args: {
          p_kind: Database["public"]["Enums"]["favorite_kind"]
          p_node_id: string
          p_region_code?: string
        }
        Returns: {
          created_at: string
          kind: Database["public"]["Enums"]["favorite_kind"]
          node_id: string
          region_code: string | null
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "favorites"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      add_working_days: {
        Args: { from_day: string; n: number }
        Returns: string
      }
      answer_video: {
        Args: { p_accept: boolean; p_video_id: string }
        Returns: {
          answered_at: string | null
          answered_by: string | null
          connected_at: string | null
          conversation_id: string
          created_at: string
          ended_at: string | null
          ended_by: string | null
          finished_at: string | null
          id: string
          livekit_room: string
          started_by: string
          status: Database["public"]["Enums"]["video_status"]
        }
        SetofOptions: {
          from: "*"
          to: "video_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      answer_video_guest: {
        Args: { p_consent: boolean; p_user_id: string; p_video_id: string }
        Returns: {
          answered_at: string | null
          consent: string
          full_name: string
          invited_at: string
          invited_by: string
          kind: string
          user_id: string
          video_id: string
        }
        SetofOptions: {
          from: "*"
          to: "video_guests"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      approve_instant: {
        Args: { p_case_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      approve_review: {
        Args: { p_case_id: string; p_note?: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      ask_instant_approval: {
        Args: { p_case_id: string }
        Returns: {
          asked_at: string
          asked_by: string
          case_id: string
          decided_at: string | null
          decided_by: string | null
          guidance_session_id: string
          id: string
          reason: string | null
          status: Database["public"]["Enums"]["instant_request_status"]
          ticket_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "instant_requests"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      authorization_codes_today: {
        Args: { p_hall_id: string }
        Returns: {
          code: string
          created_at: string
          expires_at: string
          id: string
          mine: boolean
          revoked_at: string
          state: Database["public"]["Enums"]["authorization_code_state"]
          task_no: string
          ticket_no: string
          used_at: string
        }[]
      }
      authorize_back_office: {
        Args: { p_case_id: string; p_due_at?: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      back_office_estimate: { Args: { p_case_id: string }; Returns: string }
      bind_ticket: {
        Args: { p_bind_code: string; p_hall_id: string; p_ticket_no: string }
        Returns: Json
      }
      book_appointment: {
        Args: { p_case_id: string; p_slot_id: string; p_taxpayer_id: string }
        Returns: {
          cancelled_at: string | null
          case_id: string
          created_at: string
          hall_id: string
          id: string
          reminded_at: string | null
          slot_id: string
          status: Database["public"]["Enums"]["appointment_status"]
          window_closes_at: string
          window_notified_at: string | null
          window_opens_at: string
        }
        SetofOptions: {
          from: "*"
          to: "appointments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      call_next: {
        Args: {
          p_hall_id: string
          p_queue?: Database["public"]["Enums"]["ticket_queue"]
        }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      call_ticket: {
        Args: { p_ticket_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cancel_appointment: {
        Args: { p_appointment_id: string; p_rebook?: boolean }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cancel_case: {
        Args: { p_case_id: string; p_reason?: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      cleanup_authorization_codes: {
        Args: Record<PropertyKey, never>
        Returns: number
      }
      close_guidance: {
        Args: { p_note?: string; p_session_id: string }
        Returns: {
          close_note: string | null
          closed_at: string | null
          closed_by: string | null
          created_at: string
          hall_id: string
          id: string
          last_activity_at: string
          officer_id: string | null
          status: Database["public"]["Enums"]["guidance_status"]
          taken_at: string | null
          taxpayer_id: string
          topic: string | null
        }
        SetofOptions: {
          from: "*"
          to: "guidance_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      close_idle_guidance: { Args: Record<PropertyKey, never>; Returns: number }
      complete_case: {
        Args: {
          p_case_id: string
          p_note?: string
          p_outcome: Database["public"]["Enums"]["case_outcome"]
        }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      consume_captcha: {
        Args: { p_expires_at: string; p_signature: string }
        Returns: boolean
      }
      copy_form: {
        Args: { p_form_id: string }
        Returns: {
          agent_contact: string | null
          agent_name: string | null
          copied_from: string | null
          created_at: string
          description: string
          enterprise_id: string | null
          hall_id: string | null
          id: string
          node_id: string
          owner_id: string
          region_code: string | null
          status: Database["public"]["Enums"]["form_status"]
          submitted_at: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "forms"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      create_authorization_code: {
        Args: { p_hall_id: string }
        Returns: {
          code: string
          created_at: string
          created_by: string
          expires_at: string
          hall_id: string
          id: string
          revoked_at: string | null
          revoked_by: string | null
          used_at: string | null
          used_for_case: string | null
        }
        SetofOptions: {
          from: "*"
          to: "authorization_codes"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      custom_access_token_hook: { Args: { event: Json }; Returns: Json }
      decide_payment: {
        Args: { p_confirmed: boolean; p_note?: string; p_payment_id: string }
        Returns: {
          amount: number
          case_id: string
          decided_at: string | null
          decided_by: string | null
          id: string
          instructions: string | null
          qr_object_path: string | null
          receipt_note: string | null
          requested_at: string
          requested_by: string
          result_note: string | null
          status: Database["public"]["Enums"]["payment_status"]
          submitted_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "payments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      decline_instant: {
        Args: { p_case_id: string; p_reason?: string }
        Returns: {
          asked_at: string
          asked_by: string
          case_id: string
          decided_at: string | null
          decided_by: string | null
          guidance_session_id: string
          id: string
          reason: string | null
          status: Database["public"]["Enums"]["instant_request_status"]
          ticket_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "instant_requests"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      delete_draft: { Args: { p_form_id: string }; Returns: undefined }
      due_work: {
        Args: { p_limit?: number }
        Returns: {
          due_at: string
          id: string
          kind: string
        }[]
      }
      editable: {
        Args: { "": Database["public"]["Tables"]["forms"]["Row"] }
        Returns: {
          error: true
        } & "the function public.editable with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      end_video: {
        Args: { p_video_id: string }
        Returns: {
          answered_at: string | null
          answered_by: string | null
          connected_at: string | null
          conversation_id: string
          created_at: string
          ended_at: string | null
          ended_by: string | null
          finished_at: string | null
          id: string
          livekit_room: string
          started_by: string
          status: Database["public"]["Enums"]["video_status"]
        }
        SetofOptions: {
          from: "*"
          to: "video_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_reactivation: {
        Args: { p_ticket_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_resubmission: {
        Args: { p_case_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      expire_ticket_window: {
        Args: { p_appointment_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      finish_hall_ticket: {
        Args: { p_ticket_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      generate_slots: {
        Args: { p_days?: number; p_from?: string }
        Returns: number
      }
      grant_upload: {
        Args: { p_minutes?: number; p_object_path: string }
        Returns: string
      }
      guidance_instant_request: {
        Args: { p_session_id: string }
        Returns: {
          asked_at: string
          case_id: string
          decided_at: string
          node_name: string
          reason: string
          request_id: string
          status: Database["public"]["Enums"]["instant_request_status"]
          task_no: string
          ticket_no: string
          topic_name: string
        }[]
      }
      guidance_queue: {
        Args: { p_session_id: string }
        Returns: {
          queue_position: number
          waiting: number
        }[]
      }
      hall_board: { Args: { p_hall_id: string }; Returns: Json }
      invite_video_guest: {
        Args: { p_user_id: string; p_video_id: string }
        Returns: {
          answered_at: string | null
          consent: string
          full_name: string
          invited_at: string
          invited_by: string
          kind: string
          user_id: string
          video_id: string
        }
        SetofOptions: {
          from: "*"
          to: "video_guests"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      is_party: {
        Args: { "": Database["public"]["Tables"]["forms"]["Row"] }
        Returns: {
          error: true
        } & "the function public.is_party with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }
      is_working_day: { Args: { day: string }; Returns: boolean }
      issue_hall_ticket: {
        Args: { p_bind_code: string; p_hall_id: string; p_ticket_no: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      issue_ticket: {
        Args: { p_case_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      join_video: {
        Args: { p_video_id: string }
        Returns: {
          display_name: string
          livekit_room: string
          room_admin: boolean
        }[]
      }
      link_profile: {
        Args: {
          p_cert_no: string
          p_cert_type: Database["public"]["Enums"]["cert_type"]
          p_user_id: string
        }
        Returns: {
          app_role: Database["public"]["Enums"]["app_role"]
          cert_no: string | null
          cert_type: Database["public"]["Enums"]["cert_type"] | null
          created_at: string
          full_name: string
          id: string
          phone: string | null
          staff_no: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "profiles"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      login_guard: { Args: { p_event: string; p_phone: string }; Returns: Json }
      login_lookup: {
        Args: {
          p_cert_no: string
          p_cert_type: Database["public"]["Enums"]["cert_type"]
          p_id_card_no?: string
          p_phone?: string
        }
        Returns: Json
      }
      mark_back_office_due: {
        Args: { p_case_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_notices_read: { Args: { p_ids?: string[] }; Returns: number }
      mark_read: {
        Args: { p_conversation_id: string; p_message_id?: number }
        Returns: {
          conversation_id: string
          last_read_message_id: number
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "conversation_reads"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      mark_sms: {
        Args: { p_notice_id: string; p_sent: boolean }
        Returns: {
          body: string
          case_id: string | null
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["notice_kind"]
          read_at: string | null
          sms_attempts: number
          sms_claimed_at: string | null
          sms_next_at: string | null
          sms_sent_at: string | null
          sms_status: Database["public"]["Enums"]["sms_status"]
          title: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "notices"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      my_officer_status: { Args: Record<PropertyKey, never>; Returns: string }
      my_tickets: {
        Args: Record<PropertyKey, never>
        Returns: {
          ahead: number
          bound_at: string
          called_at: string
          hall_id: string
          hall_name: string
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_id: string
          ticket_no: string
          waiting: number
        }[]
      }
      officer_dashboard: { Args: { p_hall_id: string }; Returns: Json }
      officer_heartbeat: { Args: { p_hall_id: string }; Returns: boolean }
      officer_room_unread: {
        Args: { p_hall_id: string }
        Returns: {
          case_id: string
          conversation_id: string
          last_message_at: string
          task_no: string
          topic: string
          unread: number
        }[]
      }
      open_ticket_window: {
        Args: { p_appointment_id: string }
        Returns: {
          cancelled_at: string | null
          case_id: string
          created_at: string
          hall_id: string
          id: string
          reminded_at: string | null
          slot_id: string
          status: Database["public"]["Enums"]["appointment_status"]
          window_closes_at: string
          window_notified_at: string | null
          window_opens_at: string
        }
        SetofOptions: {
          from: "*"
          to: "appointments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      orphaned_uploads: {
        Args: { p_limit?: number }
        Returns: {
          bucket_id: string
          created_at: string
          name: string
        }[]
      }
      pending_sms: {
        Args: { p_limit?: number }
        Returns: {
          body: string
          case_id: string | null
          created_at: string
          id: string
          kind: Database["public"]["Enums"]["notice_kind"]
          read_at: string | null
          sms_attempts: number
          sms_claimed_at: string | null
          sms_next_at: string | null
          sms_sent_at: string | null
          sms_status: Database["public"]["Enums"]["sms_status"]
          title: string
          user_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "notices"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      queue_board: { Args: { p_hall_id: string }; Returns: Json }
      reactivate_ticket: {
        Args: { p_ticket_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      recall_ticket: {
        Args: { p_ticket_id: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_attachment: {
        Args: {
          p_file_name?: string
          p_form_id: string
          p_object_path: string
          p_requirement_id: string
          p_uploaded_by?: string
        }
        Returns: {
          bucket: string
          created_at: string
          file_name: string
          form_id: string
          id: string
          mime_type: string | null
          object_path: string
          requirement_id: string
          size_bytes: number | null
          uploaded_by: string | null
        }
        SetofOptions: {
          from: "*"
          to: "attachments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_result_document: {
        Args: { p_case_id: string; p_file_name?: string; p_object_path: string }
        Returns: {
          case_id: string
          created_at: string
          file_name: string
          id: string
          mime_type: string | null
          object_path: string
          size_bytes: number | null
          uploaded_by: string
        }
        SetofOptions: {
          from: "*"
          to: "case_documents"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      record_video_webhook: {
        Args: {
          p_event: string
          p_event_id: string
          p_identity?: string
          p_room: string
        }
        Returns: string
      }
      reject_review: {
        Args: { p_case_id: string; p_deadline?: string; p_feedback: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      release_stale_claims: { Args: { p_now?: string }; Returns: Json }
      remind_appointment: {
        Args: { p_appointment_id: string }
        Returns: {
          cancelled_at: string | null
          case_id: string
          created_at: string
          hall_id: string
          id: string
          reminded_at: string | null
          slot_id: string
          status: Database["public"]["Enums"]["appointment_status"]
          window_closes_at: string
          window_notified_at: string | null
          window_opens_at: string
        }
        SetofOptions: {
          from: "*"
          to: "appointments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      remove_attachment: {
        Args: { p_attachment_id: string }
        Returns: undefined
      }
      remove_result_document: {
        Args: { p_document_id: string }
        Returns: {
          case_id: string
          created_at: string
          file_name: string
          id: string
          mime_type: string | null
          object_path: string
          size_bytes: number | null
          uploaded_by: string
        }
        SetofOptions: {
          from: "*"
          to: "case_documents"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      request_instant: {
        Args: { p_case_id: string; p_code: string }
        Returns: {
          abandoned_at: string | null
          appointment_id: string | null
          called_at: string | null
          called_by: string | null
          case_id: string | null
          created_at: string
          day: string
          enqueued_at: string
          finished_at: string | null
          hall_id: string
          id: string
          queue: Database["public"]["Enums"]["ticket_queue"]
          reactivate_deadline: string | null
          recall_count: number
          status: Database["public"]["Enums"]["ticket_status"]
          ticket_no: string
        }
        SetofOptions: {
          from: "*"
          to: "tickets"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      request_payment: {
        Args: {
          p_amount: number
          p_case_id: string
          p_instructions?: string
          p_qr_object_path?: string
        }
        Returns: {
          amount: number
          case_id: string
          decided_at: string | null
          decided_by: string | null
          id: string
          instructions: string | null
          qr_object_path: string | null
          receipt_note: string | null
          requested_at: string
          requested_by: string
          result_note: string | null
          status: Database["public"]["Enums"]["payment_status"]
          submitted_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "payments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      resubmit_case: {
        Args: { p_case_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      revoke_authorization_code: {
        Args: { p_code_id: string }
        Returns: {
          code: string
          created_at: string
          created_by: string
          expires_at: string
          hall_id: string
          id: string
          revoked_at: string | null
          revoked_by: string | null
          used_at: string | null
          used_for_case: string | null
        }
        SetofOptions: {
          from: "*"
          to: "authorization_codes"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      room_senders: {
        Args: { p_conversation_id: string; p_user_ids: string[] }
        Returns: {
          name: string
          officer: boolean
          user_id: string
        }[]
      }
      save_draft: {
        Args: {
          p_agent_contact?: string
          p_agent_name?: string
          p_description?: string
          p_enterprise_id?: string
          p_form_id: string
          p_hall_id?: string
          p_node_id: string
          p_region_code?: string
        }
        Returns: {
          agent_contact: string | null
          agent_name: string | null
          copied_from: string | null
          created_at: string
          description: string
          enterprise_id: string | null
          hall_id: string | null
          id: string
          node_id: string
          owner_id: string
          region_code: string | null
          status: Database["public"]["Enums"]["form_status"]
          submitted_at: string | null
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "forms"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      send_message: {
        Args: {
          p_body: string
          p_conversation_id: string
          p_file_name?: string
          p_kind?: Database["public"]["Enums"]["message_kind"]
          p_mime_type?: string
          p_object_path?: string
        }
        Returns: {
          body: string | null
          conversation_id: string
          created_at: string
          file_name: string | null
          id: number
          kind: Database["public"]["Enums"]["message_kind"]
          mime_type: string | null
          object_path: string | null
          sender_id: string | null
        }
        SetofOptions: {
          from: "*"
          to: "messages"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_near_turn_sms: {
        Args: { p_on: boolean }
        Returns: {
          near_turn: boolean
          updated_at: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "sms_preferences"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      set_officer_status: { Args: { p_status: string }; Returns: string }
      start_guidance: {
        Args: { p_hall_id: string; p_topic?: string }
        Returns: {
          close_note: string | null
          closed_at: string | null
          closed_by: string | null
          created_at: string
          hall_id: string
          id: string
          last_activity_at: string
          officer_id: string | null
          status: Database["public"]["Enums"]["guidance_status"]
          taken_at: string | null
          taxpayer_id: string
          topic: string | null
        }
        SetofOptions: {
          from: "*"
          to: "guidance_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      start_video: {
        Args: { p_conversation_id: string }
        Returns: {
          answered_at: string | null
          answered_by: string | null
          connected_at: string | null
          conversation_id: string
          created_at: string
          ended_at: string | null
          ended_by: string | null
          finished_at: string | null
          id: string
          livekit_room: string
          started_by: string
          status: Database["public"]["Enums"]["video_status"]
        }
        SetofOptions: {
          from: "*"
          to: "video_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_form: {
        Args: { p_form_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      submit_payment_receipts: {
        Args: {
          p_note?: string
          p_object_paths: string[]
          p_payment_id: string
        }
        Returns: {
          amount: number
          case_id: string
          decided_at: string | null
          decided_by: string | null
          id: string
          instructions: string | null
          qr_object_path: string | null
          receipt_note: string | null
          requested_at: string
          requested_by: string
          result_note: string | null
          status: Database["public"]["Enums"]["payment_status"]
          submitted_at: string | null
        }
        SetofOptions: {
          from: "*"
          to: "payments"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_back_office: {
        Args: { p_case_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_next_back_office: {
        Args: { p_hall_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_next_guidance: {
        Args: { p_hall_id: string }
        Returns: {
          close_note: string | null
          closed_at: string | null
          closed_by: string | null
          created_at: string
          hall_id: string
          id: string
          last_activity_at: string
          officer_id: string | null
          status: Database["public"]["Enums"]["guidance_status"]
          taken_at: string | null
          taxpayer_id: string
          topic: string | null
        }
        SetofOptions: {
          from: "*"
          to: "guidance_sessions"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_next_review: {
        Args: { p_hall_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_review: {
        Args: { p_case_id: string }
        Returns: {
          back_office_alert: string | null
          back_office_due_at: string | null
          back_office_officer_id: string | null
          back_office_specified: boolean
          back_office_taken_at: string | null
          close_reason: Database["public"]["Enums"]["case_close_reason"] | null
          closed_at: string | null
          created_at: string
          enterprise_id: string | null
          form_id: string
          hall_id: string
          handler_id: string | null
          history_reason: number | null
          id: string
          instant_approved_by: string | null
          mode: Database["public"]["Enums"]["handling_mode"] | null
          node_id: string
          outcome: Database["public"]["Enums"]["case_outcome"] | null
          owner_id: string
          resubmission_count: number
          resubmit_deadline: string | null
          result_note: string | null
          review_claimed_at: string | null
          review_claimed_by: string | null
          review_feedback: string | null
          review_status: Database["public"]["Enums"]["review_status"]
          reviewed_at: string | null
          reviewed_by: string | null
          status: Database["public"]["Enums"]["case_status"]
          task_no: string
          updated_at: string
        }
        SetofOptions: {
          from: "*"
          to: "cases"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      take_sms: {
        Args: { p_limit?: number; p_only_users?: string[] }
        Returns: {
          attempt: number
          id: string
          kind: Database["public"]["Enums"]["notice_kind"]
          message: string
          phone: string
          user_id: string
        }[]
      }
      unbind_ticket: { Args: { p_ticket_id: string }; Returns: undefined }
      unread_counts: {
        Args: Record<PropertyKey, never>
        Returns: {
          case_id: string
          conversation_id: string
          guidance_session_id: string
          unread: number
        }[]
      }
      video_guest_candidates: {
        Args: { p_video_id: string }
        Returns: {
          full_name: string
          kind: string
          user_id: string
        }[]
      }
    }
    Enums: {
      app_role: "taxpayer" | "officer" | "admin"
      appointment_status: "booked" | "cancelled" | "ticketed" | "expired"
      authorization_code_state: "active" | "used" | "revoked" | "expired"
      business_audience: "personal" | "enterprise" | "both"
      calendar_day_kind: "holiday" | "workday"
      case_close_reason:
        | "completed"
        | "cancelled_by_taxpayer"
        | "window_passed_unreviewed"
        | "resubmission_expired"
        | "window_passed_no_ticket"
        | "not_reactivated"
        | "changes_not_made"
      case_event_kind:
        | "submitted"
        | "resubmitted"
        | "review_taken"
        | "review_approved"
        | "review_rejected"
        | "back_office_authorized"
        | "back_office_time_specified"
        | "back_office_taken"
        | "appointment_booked"
        | "appointment_cancelled"
        | "instant_requested"
        | "instant_approved"
        | "ticket_window_opened"
        | "ticket_issued"
        | "called"
        | "recalled"
        | "call_accepted"
        | "abandoned"
        | "reactivated"
        | "payment_requested"
        | "payment_submitted"
        | "payment_confirmed"
        | "payment_rejected"
        | "completed"
        | "cancelled"
        | "expired"
        | "mode_reset"
        | "result_document_added"
        | "result_document_removed"
        | "claim_released"
        | "room_message"
        | "instant_asked"
        | "instant_declined"
        | "video_started"
        | "video_ended"
      case_outcome: "success" | "failure"
      case_status:
        | "submitted"
        | "back_office"
        | "back_office_taken"
        | "booked"
        | "queued"
        | "called"
        | "serving"
        | "abandoned"
        | "completed"
        | "cancelled"
      cert_type:
        | "resident_id"
        | "hk_macao_permit"
        | "taiwan_permit"
        | "passport"
        | "foreign_permanent_residence"
        | "social_security"
      conversation_kind: "case" | "guidance"
      enterprise_relation:
        | "legal_rep"
        | "financial_officer"
        | "tax_agent"
        | "staff"
      favorite_kind: "node" | "letter"
      form_status: "draft" | "submitted"
      guidance_status: "waiting" | "active" | "closed"
      handling_mode: "back_office" | "appointment" | "instant"
      handling_path: "etax" | "yueshuitong" | "remote_visual" | "service_hall"
      instant_request_status: "pending" | "approved" | "declined" | "lapsed"
      message_kind: "text" | "image" | "file" | "system"
      notice_kind:
        | "booking_confirmed"
        | "booking_cancelled"
        | "review_approved"
        | "review_rejected"
        | "ticket_window_open"
        | "appointment_reminder"
        | "called"
        | "abandoned"
        | "payment_requested"
        | "payment_result"
        | "back_office_due"
        | "completed"
        | "cancelled"
        | "video_rejected"
        | "near_turn"
        | "instant_declined"
      officer_duty:
        | "reviewer"
        | "back_office"
        | "online"
        | "guidance"
        | "onsite"
      payment_status:
        | "requested"
        | "submitted"
        | "confirmed"
        | "rejected"
        | "cancelled"
      region_level: "province" | "city" | "district"
      requirement_kind: "form" | "material"
      review_status: "pending" | "approved" | "rejected"
      sms_status: "none" | "pending" | "sent" | "failed"
      ticket_queue: "appointment" | "instant" | "hall"
      ticket_status:
        | "waiting"
        | "called"
        | "serving"
        | "abandoned"
        | "done"
        | "expired"
        | "cancelled"
      video_status: "ringing" | "active" | "rejected" | "ended" | "cancelled"
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      app_role: ["taxpayer", "officer", "admin"],
      appointment_status: ["booked", "cancelled", "ticketed", "expired"],
      authorization_code_state: ["active", "used", "revoked", "expired"],
      business_audience: ["personal", "enterprise", "both"],
      calendar_day_kind: ["holiday", "workday"],
      case_close_reason: [
        "completed",
        "cancelled_by_taxpayer",
        "window_passed_unreviewed",
        "resubmission_expired",
        "window_passed_no_ticket",
        "not_reactivated",
        "changes_not_made",
      ],
      case_event_kind: [
        "submitted",
        "resubmitted",
        "review_taken",
        "review_approved",
        "review_rejected",
        "back_office_authorized",
        "back_office_time_specified",
        "back_office_taken",
        "appointment_booked",
        "appointment_cancelled",
        "instant_requested",
        "instant_approved",
        "ticket_window_opened",
        "ticket_issued",
        "called",
        "recalled",
        "call_accepted",
        "abandoned",
        "reactivated",
        "payment_requested",
        "payment_submitted",
        "payment_confirmed",
        "payment_rejected",
        "completed",
        "cancelled",
        "expired",
        "mode_reset",
        "result_document_added",
        "result_document_removed",
        "claim_released",
        "room_message",
        "instant_asked",
        "instant_declined",
        "video_started",
        "video_ended",
      ],
      case_outcome: ["success", "failure"],
      case_status: [
        "submitted",
        "back_office",
        "back_office_taken",
        "booked",
        "queued",
        "called",
        "serving",
        "abandoned",
        "completed",
        "cancelled",
      ],
      cert_type: [
        "resident_id",
        "hk_macao_permit",
        "taiwan_permit",
        "passport",
        "foreign_permanent_residence",
        "social_security",
      ],
      conversation_kind: ["case", "guidance"],
      enterprise_relation: [
        "legal_rep",
        "financial_officer",
        "tax_agent",
        "staff",
      ],
      favorite_kind: ["node", "letter"],
      form_status: ["draft", "submitted"],
      guidance_status: ["waiting", "active", "closed"],
      handling_mode: ["back_office", "appointment", "instant"],
      handling_path: ["etax", "yueshuitong", "remote_visual", "service_hall"],
      instant_request_status: ["pending", "approved", "declined", "lapsed"],
      message_kind: ["text", "image", "file", "system"],
      notice_kind: [
        "booking_confirmed",
        "booking_cancelled",
        "review_approved",
        "review_rejected",
        "ticket_window_open",
        "appointment_reminder",
        "called",
        "abandoned",
        "payment_requested",
        "payment_result",
        "back_office_due",
        "completed",
        "cancelled",
        "video_rejected",
        "near_turn",
        "instant_declined",
      ],
      officer_duty: ["reviewer", "back_office", "online", "guidance", "onsite"],
      payment_status: [
        "requested",
        "submitted",
        "confirmed",
        "rejected",
        "cancelled",
      ],
      region_level: ["province", "city", "district"],
      requirement_kind: ["form", "material"],
      review_status: ["pending", "approved", "rejected"],
      sms_status: ["none", "pending", "sent", "failed"],
      ticket_queue: ["appointment", "instant", "hall"],
      ticket_status: [
        "waiting",
        "called",
        "serving",
        "abandoned",
        "done",
        "expired",
        "cancelled",
      ],
      video_status: ["ringing", "active", "rejected", "ended", "cancelled"],
    },
  },
} as const

